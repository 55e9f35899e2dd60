package org.dialoghook.internal.delivery;

/**
 * Names of the request properties that carry what a log line about a delivery must say. The filter and the
 * resource set them as soon as they know the value; the exception mappers read them.
 */
public final class LogContext {

    /** The log-safe delivery id (a String). */
    public static final String DELIVERY_ID = "org.dialoghook.delivery-id";

    /** The handler name the delivery asked for (a String). */
    public static final String HANDLER = "org.dialoghook.handler";

    private LogContext() {
    }
}
