package org.dialoghook.internal.replay;

/** A redelivery arrived while the first run of the same delivery was still going, and waiting did not help. */
public class ReplayInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param deliveryId the log-safe delivery id
     */
    public ReplayInProgressException(String deliveryId) {
        super("The delivery " + deliveryId + " is still being handled; send it again later.");
    }
}
