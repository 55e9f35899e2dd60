package org.dialoghook.internal.http;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.dialoghook.internal.auth.VerifiedDelivery;

/**
 * Gives {@link WebhookResource} the {@link VerifiedDelivery} the token filter left on the request as the entity of
 * its methods: the body was read, verified and parsed once, by the filter, and is not read again. Bound to the
 * webhook resource alone, whose only entity is that delivery.
 */
@Provider
@VerifiedWebhook
public class VerifiedDeliveryReader implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) {
        if (!(context.getProperty(VerifiedDelivery.PROPERTY) instanceof VerifiedDelivery delivery)) {
            throw new IllegalStateException("the webhook resource ran without a verified delivery");
        }
        return delivery;
    }
}
