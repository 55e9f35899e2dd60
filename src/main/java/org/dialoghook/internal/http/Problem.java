package org.dialoghook.internal.http;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * An RFC 9457 problem details body: every error reply of the receiver is one.
 *
 * @param type a URI naming the kind of problem, documented in {@code docs/errors.md}
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request; never a token, secret or stack trace
 * @param errorId the id the log line about this problem carries too
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errorId"})
@Schema(name = "Problem", description = "RFC 9457 problem details; see docs/errors.md", properties = {
    @SchemaProperty(name = "type", type = SchemaType.STRING, example = "urn:dialoghook:problem:invalid-token"),
    @SchemaProperty(name = "title", type = SchemaType.STRING, example = "Invalid token"),
    @SchemaProperty(name = "status", type = SchemaType.INTEGER, example = "401"),
    @SchemaProperty(name = "detail", type = SchemaType.STRING, example = "The token has expired (exp)."),
    @SchemaProperty(name = "errorId", type = SchemaType.STRING, description = "The id the log line carries too")
})
public record Problem(String type, String title, int status, String detail, String errorId) {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
