package org.dialoghook.internal.delivery;

/** The body is not JSON, or not of the shape a delivery has; the message says what, without echoing the body. */
public class MalformedDeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the body
     */
    public MalformedDeliveryException(String message) {
        super(message);
    }
}
