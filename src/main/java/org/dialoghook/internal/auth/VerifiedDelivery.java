package org.dialoghook.internal.auth;

import jakarta.json.JsonObject;
import org.dialoghook.internal.delivery.DeliveryBody;

/**
 * A delivery that passed every check of the filter, left on the request for the resource.
 *
 * @param bot the bot it came from
 * @param deliveryId the log-safe delivery id
 * @param claims the verified token's claims
 * @param body the parsed body
 */
public record VerifiedDelivery(String bot, String deliveryId, JsonObject claims, DeliveryBody body) {

    /** The request property (a servlet request attribute too) that holds the verified delivery. */
    public static final String PROPERTY = VerifiedDelivery.class.getName();

    /** Keeps claims and body out of the text form, which may reach a log line. */
    @Override
    public String toString() {
        return "VerifiedDelivery[bot=" + bot + ", delivery=" + deliveryId + ", handler=" + body.handlerName() + "]";
    }
}
