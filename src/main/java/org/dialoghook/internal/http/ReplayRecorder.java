package org.dialoghook.internal.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
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
        MediaType type = response.getMediaType();
        if (response.getEntity() instanceof byte[] body && type != null) {
            // the common type as one shared string: each stored reply would otherwise keep a copy of its own
            String mediaType = MediaType.APPLICATION_JSON_TYPE.equals(type) ? MediaType.APPLICATION_JSON : type.toString();
            store.complete(claim.key(), new StoredReply(response.getStatus(), mediaType, body), claim.window());
        } else {
            store.release(claim.key());
        }
    }
}
