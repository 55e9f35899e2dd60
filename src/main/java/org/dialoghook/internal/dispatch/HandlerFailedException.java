package org.dialoghook.internal.dispatch;

/** A handler threw; the cause is the handler's own exception, for the log only. */
public class HandlerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String handlerName;

    /**
     * Creates the exception.
     *
     * @param handlerName the handler that failed
     * @param cause what it threw
     */
    public HandlerFailedException(String handlerName, Throwable cause) {
        super("The handler '" + handlerName + "' failed.", cause);
        this.handlerName = handlerName;
    }

    /**
     * The handler that failed.
     *
     * @return its name
     */
    public String handlerName() {
        return handlerName;
    }
}
