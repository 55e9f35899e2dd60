package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.dialoghook.internal.auth.VerifiedWebhook;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.replay.StoredReply;

/**
 * Keeps the final reply of a claimed delivery, whether the handler's reply or a problem, so that its
 * redeliveries get the same answer.
 */
@Provider
@VerifiedWebhook
public class ReplayRecorder implements ContainerResponseFilter {

    @Inject
    ReplayStore store;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        // the request's properties are its servlet attributes; a servlet-request field here would be a proxy
        // whose every call goes through the runtime's interceptor
        if (!(request.getProperty(ReplayGuard.CLAIM) instanceof ReplayGuard.Claim claim)) {
            return;
        }
        request.removeProperty(ReplayGuard.CLAIM);
        if (response.getEntity() instanceof byte[] body && response.getMediaType() != null) {
            store.complete(claim.key(), new StoredReply(response.getStatus(), response.getMediaType().toString(), body),
                    claim.window());
        } else {
            store.release(claim.key());
        }
    }
}
