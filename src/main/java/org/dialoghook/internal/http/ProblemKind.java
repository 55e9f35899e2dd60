package org.dialoghook.internal.http;

import java.util.Arrays;

/** The kinds of problem the receiver answers with, each with its type URI, title and status. */
public enum ProblemKind {

    MALFORMED_DELIVERY("malformed-delivery", "Malformed delivery", 400),
    MISSING_TOKEN("missing-token", "Missing token", 401),
    INVALID_TOKEN("invalid-token", "Invalid token", 401),
    NOT_FOUND("not-found", "Not found", 404),
    UNKNOWN_HANDLER("unknown-handler", "Unknown handler", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    DELIVERY_IN_PROGRESS("delivery-in-progress", "Delivery in progress", 409),
    BODY_TOO_LARGE("body-too-large", "Body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    CLIENT_ERROR("client-error", "Client error", 400),
    HANDLER_FAILED("handler-failed", "Handler failed", 500),
    INTERNAL_ERROR("internal-error", "Internal error", 500),
    HANDLER_TIMED_OUT("handler-timed-out", "Handler timed out", 504),
    NOT_CONFIGURED("not-configured", "Receiver not configured", 503);

    private static final String TYPE_PREFIX = "urn:dialoghook:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemKind(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /**
     * The problem's type URI.
     *
     * @return for example {@code urn:dialoghook:problem:invalid-token}
     */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    /**
     * The problem's title.
     *
     * @return a short summary
     */
    public String title() {
        return title;
    }

    /**
     * The status this kind is usually answered with.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The kind for a status that the JAX-RS runtime or the filter raised.
     *
     * @param status the HTTP status
     * @return the matching kind; {@link #CLIENT_ERROR} or {@link #INTERNAL_ERROR} when none is specific
     */
    static ProblemKind forStatus(int status) {
        return Arrays.stream(values())
                .filter(kind -> kind.status == status && kind != MISSING_TOKEN && kind != UNKNOWN_HANDLER
                        && kind != HANDLER_FAILED && kind != HANDLER_TIMED_OUT)
                .findFirst()
                .orElse(status >= 500 ? INTERNAL_ERROR : CLIENT_ERROR);
    }
}
