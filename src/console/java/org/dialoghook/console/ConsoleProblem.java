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

    /** The replay did not reach the webhook. */
    REPLAY_FAILED(502, "console-replay-failed", "Replay failed", "The replay did not reach the webhook.");

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
        String text = reason == null ? detail : detail + " (" + reason + ")";
        String body = Json.createObjectBuilder().add("type", type).add("title", title).add("status", status)
                .add("detail", text).build().toString();
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
