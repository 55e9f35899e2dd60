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
            "The development console answers clients on this machine (loopback addresses) only.");

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
        String body = Json.createObjectBuilder().add("type", type).add("title", title).add("status", status)
                .add("detail", detail).build().toString();
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
