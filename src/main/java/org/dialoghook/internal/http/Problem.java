package org.dialoghook.internal.http;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.dialoghook.internal.delivery.ProblemKind;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/** An RFC 9457 problem details body: every error reply of the receiver is one. */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errorId"})
@Schema(name = "Problem", description = "RFC 9457 problem details; see docs/errors.md", properties = {
    @SchemaProperty(name = "type", type = SchemaType.STRING, example = "urn:dialoghook:problem:invalid-token"),
    @SchemaProperty(name = "title", type = SchemaType.STRING, example = "Invalid token"),
    @SchemaProperty(name = "status", type = SchemaType.INTEGER, example = "401"),
    @SchemaProperty(name = "detail", type = SchemaType.STRING, example = "The token has expired (exp)."),
    @SchemaProperty(name = "errorId", type = SchemaType.STRING, description = "The id the log line carries too")
})
public final class Problem {

    /** The media type of problem details. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private final ProblemKind kind;
    private final int status;
    private final String detail;
    private final String errorId;

    /**
     * Creates the problem.
     *
     * @param kind the kind of problem, which gives the type, title and status
     * @param detail what went wrong with this request; never a token, secret or stack trace
     * @param errorId the id the log line about this problem carries too
     */
    public Problem(ProblemKind kind, String detail, String errorId) {
        this(kind, kind.status(), detail, errorId);
    }

    /**
     * Creates a problem whose status is not its kind's own: an error status the server raised, answered with the
     * catch-all kind {@link ProblemKind#CLIENT_ERROR} or {@link ProblemKind#INTERNAL_ERROR}.
     *
     * @param kind the kind of problem, which gives the type and title
     * @param status the HTTP status
     * @param detail what went wrong with this request; never a token, secret or stack trace
     * @param errorId the id the log line about this problem carries too
     */
    public Problem(ProblemKind kind, int status, String detail, String errorId) {
        this.kind = kind;
        this.status = status;
        this.detail = detail;
        this.errorId = errorId;
    }

    /**
     * The kind of problem; not written to the body.
     *
     * @return the kind
     */
    public ProblemKind kind() {
        return kind;
    }

    /**
     * The problem's type URI.
     *
     * @return for example {@code urn:dialoghook:problem:invalid-token}
     */
    public String getType() {
        return kind.type();
    }

    /**
     * The problem's title.
     *
     * @return a short summary of the kind
     */
    public String getTitle() {
        return kind.title();
    }

    /**
     * The HTTP status, as the body states it.
     *
     * @return the status code
     */
    public int getStatus() {
        return status;
    }

    /**
     * What went wrong with this request.
     *
     * @return the detail
     */
    public String getDetail() {
        return detail;
    }

    /**
     * The id the log line about this problem carries too.
     *
     * @return the error id
     */
    public String getErrorId() {
        return errorId;
    }
}
