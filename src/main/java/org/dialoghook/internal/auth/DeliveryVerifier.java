package org.dialoghook.internal.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.dialoghook.internal.auth.TokenVerifier.VerifiedToken;
import org.dialoghook.internal.auth.WebhookBots.DeliveryChecks;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.JsonMediaType;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.dialoghook.internal.delivery.ProblemKind;

/**
 * Decides whether a delivery's raw body and headers may reach a handler. The checks run in the documented order:
 * media type (415), bot (404/503), token (401), body binding and body shape (400 for a body that is no delivery,
 * 401 for one the token does not vouch for). The size limit (413) was applied when the body was read.
 */
@ApplicationScoped
public class DeliveryVerifier {

    @Inject
    WebhookBots bots;

    /**
     * Verifies one delivery.
     *
     * @param settings the settings snapshot the delivery works from
     * @param bot the {@code {bot}} of the path, or {@code null} for the default bot
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param authorization the values of the {@code Authorization} headers, or {@code null}
     * @param raw the raw body, within the size limit
     * @return the verified delivery
     * @throws DeliveryRefusedException naming the kind of problem, the delivery id and the handler name when known
     */
    public VerifiedDelivery verify(ReceiverSettings settings, String bot, String contentType,
            List<String> authorization, byte[] raw) {
        JsonMediaType.require(contentType);
        DeliveryChecks checks = bots.checksFor(settings, bot).orElseThrow(() -> new DeliveryRefusedException(ProblemKind.NOT_FOUND,
                "No bot named '" + LogText.safe(bot) + "' is configured."));
        BotTokenVerifier verifier = checks.verifier().orElseThrow(() -> new DeliveryRefusedException(
                ProblemKind.NOT_CONFIGURED,
                "The receiver has no secret for this bot yet; the operator must set dialoghook.secret."));
        String token = BearerCredentials.token(authorization);
        String deliveryId = null;
        String handler = null;
        try {
            VerifiedToken verified = verifier.verify(token);
            deliveryId = verified.deliveryId();
            byte[] digest = BodyDigest.sha256(raw);
            checks.binding().checkHash(verified.claims(), digest);
            DeliveryBody body = parse(checks, raw, deliveryId);
            handler = body.handlerName();
            checks.binding().checkClaims(verified.claims(), body);
            return new VerifiedDelivery(checks.settings().name(), deliveryId, verified.claims(), body, digest, settings);
        } catch (InvalidTokenException e) {
            // a token that failed is named by a hash of it: a verified one is named by its jti
            throw new DeliveryRefusedException(ProblemKind.INVALID_TOKEN, e.getMessage())
                    .about(deliveryId == null ? DeliveryIds.fromToken(token) : deliveryId, handler);
        }
    }

    private static DeliveryBody parse(DeliveryChecks checks, byte[] raw, String deliveryId) {
        try {
            return checks.bodyReader().read(raw);
        } catch (MalformedDeliveryException e) {
            throw new DeliveryRefusedException(ProblemKind.MALFORMED_DELIVERY, e.getMessage()).about(deliveryId, null);
        }
    }
}
