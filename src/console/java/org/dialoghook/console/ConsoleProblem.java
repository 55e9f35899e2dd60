package org.dialoghook.console;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;

/** The console's refusals, as problem details (RFC 9457), listed in docs/errors.md. */
enum ConsoleProblem {

    /** {@code dialoghook.dev-console} is not {@code true}: nothing is there. */
    OFF(404, "console-off", "Not Found",
            "Nothing is served here. The development console answers only when dialoghook.dev-console=true."),

    /** The client is not on this machine. */
    NOT_LOOPBACK(403, "console-loopback-only", "Forbidden",
            "The development console answers clients on this machine (loopback addresses) only."),

    /** The history holds no request of that number (any more). */
    NO_SUCH_DELIVERY(404, "console-no-such-delivery", "Not Found",
            "The history holds no delivery of that number; it keeps the latest " + DeliveryHistory.CAPACITY + "."),

    /** A replay that names no mode, or another one. */
    BAD_REPLAY_MODE(400, "console-bad-replay", "Bad Request",
            "Say how to replay: as=same (the same token) or as=resigned (a new token)."),

    /** A re-signed replay of a delivery without a token, or for a bot without a secret. */
    CANNOT_RESIGN(422, "console-cannot-resign", "Cannot sign again", "The delivery cannot be signed again."),

    /** What the page composed cannot be sent. */
    BAD_SEND(400, "console-bad-send", "Bad Request", "The delivery cannot be composed."),

    /** A request the console cannot take: an unknown path, method or media type; answered with the runtime's status. */
    CLIENT_ERROR(400, "console-bad-request", "Bad Request", "The development console cannot take this request."),

    /** The console itself failed; the log has the details ({@code DH-0801}). */
    CONSOLE_FAILED(500, "console-failed", "Console failed", "The development console failed; see DH-0801 in the log."),

    /** A transcript file that cannot be read or run. */
    BAD_TRANSCRIPT(400, "console-bad-transcript", "Bad Request", "The transcript cannot be run."),

    /** The replay did not reach the webhook. */
    REPLAY_FAILED(502, "console-replay-failed", "Replay failed", "The delivery did not reach the webhook.");

    private final int status;
    private final String type;
    private final String title;
    private final String detail;

    ConsoleProblem(int status, String slug, String title, String detail) {
        this.status = status;
        this.type = "urn:dialoghook:problem:" + slug;
        this.title = title;
        this.detail = detail;
    }

    Response response() {
        return response(null);
    }

    /** The problem, its detail followed by what went wrong when that is known. */
    Response response(String reason) {
        return response(status, reason == null ? detail : detail + " (" + reason + ")");
    }

    /** The problem with the status the runtime chose, for a client error the runtime raised. */
    Response response(int runtimeStatus) {
        return response(runtimeStatus, detail + " (status " + runtimeStatus + ")");
    }

    private Response response(int answered, String text) {
        String body = Json.createObjectBuilder().add("type", type).add("title", title).add("status", answered)
                .add("detail", text).build().toString();
        return Response.status(answered).type("application/problem+json").entity(body).build();
    }
}
