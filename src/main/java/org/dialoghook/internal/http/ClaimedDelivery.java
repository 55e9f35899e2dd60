package org.dialoghook.internal.http;

import org.dialoghook.internal.auth.VerifiedDelivery;

/**
 * A verified delivery that this request runs: {@link ReplayGuard} claimed it in the replay store and found no
 * earlier reply to send instead. {@link ClaimedDeliveryReader} hands it to {@link WebhookResource} as the
 * request's entity.
 *
 * @param verified what the token filter verified and parsed
 * @param firstDelivery false when the delivery was accepted before, beyond the replay window
 */
record ClaimedDelivery(VerifiedDelivery verified, boolean firstDelivery) {

    /** The request property that holds the claimed delivery. */
    static final String PROPERTY = ClaimedDelivery.class.getName();

    /** Keeps claims and body out of the text form, which may reach a log line. */
    @Override
    public String toString() {
        return "ClaimedDelivery[" + verified + ", first=" + firstDelivery + "]";
    }
}
