package org.dialoghook.internal.http;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import org.dialoghook.internal.auth.VerifiedWebhook;

/**
 * Gives {@link WebhookResource} the {@link ClaimedDelivery} the filters left on the request as the entity of
 * its methods. The body was read, verified and parsed once, by the token filter; reading it again, or asking
 * for the servlet request to find the delivery on it, would cost every delivery a second pass through the
 * runtime's readers or injection. Bound to the webhook resource alone, whose only entity is that delivery.
 */
@Provider
@VerifiedWebhook
public class ClaimedDeliveryReader implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!(context.getProperty(ClaimedDelivery.PROPERTY) instanceof ClaimedDelivery claimed)) {
            throw new IllegalStateException("the webhook resource ran without a claimed delivery");
        }
        return claimed;
    }
}
