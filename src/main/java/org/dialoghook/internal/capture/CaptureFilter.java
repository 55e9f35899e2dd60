package org.dialoghook.internal.capture;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.dialoghook.internal.auth.VerifiedWebhook;
import org.dialoghook.internal.config.ReceiverSettings;

/**
 * Hands every delivery to {@link DeliveryCapture} before any check refuses it, when capture mode is on. It reads
 * at most the body limit and puts the bytes back in front of the rest, so the token filter that runs next sees
 * the request unchanged; with capture mode off it does nothing.
 */
@Provider
@VerifiedWebhook
@Priority(Priorities.AUTHENTICATION - 100)
public class CaptureFilter implements ContainerRequestFilter {

    @Inject
    DeliveryCapture capture;

    @Inject
    ReceiverSettings settings;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!capture.enabled()) {
            return;
        }
        int limit = settings.maxBodyBytes();
        byte[] raw = null;
        if (request.getLength() <= limit) {
            InputStream body = request.getEntityStream();
            byte[] head = body.readNBytes(limit + 1);
            request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(head), body));
            raw = head.length > limit ? null : head;
        }
        capture.record(request.getUriInfo().getPathParameters().getFirst("bot"),
                request.getHeaderString(HttpHeaders.CONTENT_TYPE), request.getHeaders().get(HttpHeaders.AUTHORIZATION), raw);
    }
}
