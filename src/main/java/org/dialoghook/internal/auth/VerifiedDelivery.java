package org.dialoghook.internal.auth;

import jakarta.json.JsonObject;
import java.util.Base64;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryBody;

/**
 * A delivery whose token was verified and vouches for its body, parsed and checked: what the token filter hands
 * to the resource.
 *
 * @param bot the bot it came from
 * @param deliveryId the log-safe delivery id: the token's {@code jti}, else a hash of the whole token
 * @param claims the verified token's claims
 * @param body the parsed body
 * @param bodyDigest the SHA-256 digest of the raw body bytes
 * @param settings the settings snapshot it was verified with, which the rest of its way works from
 */
public record VerifiedDelivery(String bot, String deliveryId, JsonObject claims, DeliveryBody body, byte[] bodyDigest,
        ReceiverSettings settings) {

    /** The request property that holds the verified delivery between the token filter and the resource. */
    public static final String PROPERTY = VerifiedDelivery.class.getName();

    /**
     * What makes a copy of this delivery a redelivery: the same bot, the same token id and the same body bytes.
     * A token seen before with another body gives another key, so no delivery is answered with another body's
     * reply.
     *
     * @return the replay store key; it holds no token
     */
    public String replayKey() {
        return bot + '|' + deliveryId + '|' + Base64.getUrlEncoder().withoutPadding().encodeToString(bodyDigest);
    }

    /** Keeps claims and body out of the text form, which may reach a log line. */
    @Override
    public String toString() {
        return "VerifiedDelivery[bot=" + bot + ", delivery=" + deliveryId + ", handler=" + body.handlerName() + "]";
    }
}
