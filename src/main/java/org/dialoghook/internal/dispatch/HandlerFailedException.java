package org.dialoghook.internal.dispatch;

/**
 * A handler threw or missed its deadline and no fallback reply was chosen. The failure has been logged
 * under {@link #errorId()}; the problem reply carries the same id.
 */
public class HandlerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String handlerName;
    private final String errorId;
    private final boolean timedOut;

    /**
     * Creates the exception.
     *
     * @param handlerName the handler that failed
     * @param errorId the id of the log line about the failure
     * @param timedOut whether the deadline passed
     */
    public HandlerFailedException(String handlerName, String errorId, boolean timedOut) {
        super(timedOut ? "The handler '" + handlerName + "' did not reply in time." : "The handler '" + handlerName
                + "' failed.");
        this.handlerName = handlerName;
        this.errorId = errorId;
        this.timedOut = timedOut;
    }

    /**
     * The handler that failed.
     *
     * @return its name
     */
    public String handlerName() {
        return handlerName;
    }

    /**
     * The id of the log line about the failure.
     *
     * @return the error id
     */
    public String errorId() {
        return errorId;
    }

    /**
     * Whether the handler missed its deadline rather than throwing.
     *
     * @return {@code true} for a timeout
     */
    public boolean timedOut() {
        return timedOut;
    }
}
