package org.dialoghook.internal.delivery;

import java.util.logging.Level;

/**
 * The kinds of problem the receiver answers with, each with its type URI, title, status and the level its log
 * line is written at. A refusal carries its kind from where it is decided to where it is answered.
 */
public enum ProblemKind {

    MALFORMED_DELIVERY("malformed-delivery", "Malformed delivery", 400, Level.INFO),
    MISSING_TOKEN("missing-token", "Missing token", 401, Level.WARNING),
    INVALID_TOKEN("invalid-token", "Invalid token", 401, Level.WARNING),
    NOT_FOUND("not-found", "Not found", 404, Level.INFO),
    UNKNOWN_HANDLER("unknown-handler", "Unknown handler", 404, Level.WARNING),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405, Level.INFO),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406, Level.INFO),
    DELIVERY_IN_PROGRESS("delivery-in-progress", "Delivery in progress", 409, Level.WARNING),
    BODY_TOO_LARGE("body-too-large", "Body too large", 413, Level.INFO),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415, Level.INFO),
    CLIENT_ERROR("client-error", "Client error", 400, Level.INFO),
    HANDLER_FAILED("handler-failed", "Handler failed", 500, Level.SEVERE),
    INTERNAL_ERROR("internal-error", "Internal error", 500, Level.SEVERE),
    HANDLER_TIMED_OUT("handler-timed-out", "Handler timed out", 504, Level.WARNING),
    NOT_CONFIGURED("not-configured", "Receiver not configured", 503, Level.WARNING),
    REPLAY_STORE_UNAVAILABLE("replay-store-unavailable", "Replay store unavailable", 503, Level.SEVERE);

    private static final String TYPE_PREFIX = "urn:dialoghook:problem:";

    private final String slug;
    private final String title;
    private final int status;
    private final Level level;

    ProblemKind(String slug, String title, int status, Level level) {
        this.slug = slug;
        this.title = title;
        this.status = status;
        this.level = level;
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
     * The status this kind is answered with.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The status to answer with when the server or the runtime raised {@code raised}: the catch-all kinds
     * ({@link #CLIENT_ERROR}, {@link #INTERNAL_ERROR}) keep the raised status, every other kind has its own.
     *
     * @param raised the status the server or the runtime raised
     * @return the status of the reply
     */
    public int statusFor(int raised) {
        return this == CLIENT_ERROR || this == INTERNAL_ERROR ? raised : status;
    }

    /**
     * The level of the log line about a problem of this kind: INFO for the sender's mistakes, WARNING for
     * refused credentials and what an operator should look at, SEVERE for failures of the server side.
     *
     * @return the level
     */
    public Level level() {
        return level;
    }
}
