package org.dialoghook.internal.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.List;
import org.dialoghook.internal.auth.DeliveryVerifier;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.capture.DeliveryCapture;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryBytes;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.trace.DeliveryTracing;

/**
 * Lets a delivery reach the webhook resource only when its body fits the limits and its Bearer token is verified
 * and vouches for the body. The body is read once, within the size limit, and {@link DeliveryVerifier} checks the
 * rest in the documented order; capture mode, when on, reports that same read and that same verdict. The settings
 * snapshot in force is read once, here, and travels with the verified delivery to its end. A refused
 * delivery is answered here with the problem its refusal names, and never reaches the resource.
 *
 * <p>Bound to the webhook resource alone, wherever a runtime exposes it: a runtime that also lists the resource in
 * a team's own application finds this filter with it, so there is no way to a handler around it.
 */
@Provider
@VerifiedWebhook
@Priority(Priorities.AUTHENTICATION)
public class WebhookTokenFilter implements ContainerRequestFilter {

    @Inject
    LiveSettings settings;

    @Inject
    DeliveryVerifier verifier;

    @Inject
    DeliveryCapture capture;

    @Inject
    ProblemResponder problems;

    @Inject
    DeliveryTracing tracing;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        ReceiverSettings current = settings.current();
        String bot = request.getUriInfo().getPathParameters().getFirst("bot");
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        byte[] raw = null;
        VerifiedDelivery verified = null;
        DeliveryRefusedException refused = null;
        try {
            raw = DeliveryBytes.read(request.getEntityStream(), request.getLength(), current.maxBodyBytes());
            verified = verifier.verify(current, bot, contentType, authorization, raw);
        } catch (DeliveryRefusedException e) {
            refused = e;
        }
        capture.record(current, bot, contentType, authorization, raw, refused);
        if (refused != null) {
            if (tracing.recording()) {
                // the refusal's kind, never its detail: no part of a token is recorded
                tracing.refused(bot == null ? BotSettings.DEFAULT_BOT : LogText.safe(bot), refused.deliveryId(),
                        refused.handlerName() == null ? null : LogText.safe(refused.handlerName()),
                        refused.kind().type(), refused.kind().status());
            }
            request.abortWith(problems.refusal(refused).build());
        } else {
            request.setProperty(VerifiedDelivery.PROPERTY, verified);
        }
    }
}
