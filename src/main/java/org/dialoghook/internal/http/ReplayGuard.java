package org.dialoghook.internal.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.auth.VerifiedWebhook;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.replay.StoredReply;

/**
 * Answers a redelivery with the reply of its first run instead of running the handler again. A delivery is
 * the same when its bot and delivery id (the token's {@code jti}, or a hash of the token) are; a second copy
 * that arrives while the first still runs waits for it, up to the handler's deadline. Runs after the token
 * filter, on verified deliveries only; a delivery it claims goes on to the resource as a {@link ClaimedDelivery}.
 */
@Provider
@VerifiedWebhook
@Priority(Priorities.USER)
public class ReplayGuard implements ContainerRequestFilter {

    /** The request attribute that marks a claimed delivery, for {@link ReplayRecorder}. */
    static final String CLAIM = ReplayGuard.class.getName() + ".claim";

    private static final Logger LOG = Logger.getLogger(ReplayGuard.class.getName());
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(2);

    @Inject
    ReplayStore store;

    @Inject
    ReceiverSettings settings;

    @Inject
    HandlerRegistry registry;

    @Inject
    Clock clock;

    /**
     * Claims the delivery, or answers with its earlier reply.
     *
     * @param request the request the token filter left the verified delivery on
     */
    @Override
    public void filter(ContainerRequestContext request) {
        VerifiedDelivery delivery = (VerifiedDelivery) request.getProperty(VerifiedDelivery.PROPERTY);
        if (delivery == null) {
            throw new IllegalStateException("the replay guard ran without a verified delivery");
        }
        String key = delivery.bot() + "|" + delivery.deliveryId();
        Duration window = window(delivery);
        String handler = delivery.body().handlerName();
        Duration wait = registry.find(handler).map(found -> registry.policyFor(handler).timeout())
                .orElse(Duration.ZERO).plus(EXTRA_WAIT);
        ReplayStore.Claim claim = store.claim(key, window, wait);
        Optional<StoredReply> earlier = claim.earlierReply();
        if (earlier.isEmpty()) {
            request.setProperty(CLAIM, new Claim(key, window));
            request.setProperty(ClaimedDelivery.PROPERTY, new ClaimedDelivery(delivery, !claim.seenBefore()));
            return;
        }
        LOG.log(Level.INFO, "DH-0610 delivery={0} handler={1}: a redelivery, answered with the reply of the first run",
                new Object[] {delivery.deliveryId(), LogText.safe(handler)});
        StoredReply reply = earlier.get();
        request.abortWith(Response.status(reply.status()).type(reply.mediaType()).entity(reply.body())
                .header("Dialoghook-Redelivery", "true").build());
    }

    /** The replay window, never shorter than what is left of the token's own lifetime. */
    private Duration window(VerifiedDelivery delivery) {
        Duration window = settings.replay().window();
        if (delivery.claims().get("exp") instanceof JsonNumber exp) {
            Duration lifetime = Duration.ofSeconds(exp.longValue() - clock.instant().getEpochSecond())
                    .plus(settings.bot(delivery.bot()).orElse(settings.defaultBot()).token().clockSkew());
            if (lifetime.compareTo(window) > 0) {
                window = lifetime.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : lifetime;
            }
        }
        return window;
    }

    /**
     * A claimed delivery awaiting its reply.
     *
     * @param key the store key
     * @param window how long to keep the reply
     */
    record Claim(String key, Duration window) {
    }
}
