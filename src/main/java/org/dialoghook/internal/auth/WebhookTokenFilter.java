package org.dialoghook.internal.auth;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dialoghook.internal.auth.TokenVerifier.VerifiedToken;
import org.dialoghook.internal.auth.WebhookBots.DeliveryChecks;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.LogContext;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.delivery.MalformedDeliveryException;

/**
 * Lets a delivery reach the webhook resource only when its body fits the limits and its Bearer token is
 * verified and vouches for the body. Checks run in the documented order: size (413), media type (415),
 * bot (404/503), token (401), body shape (400). The raw body is read once and handed on.
 */
@Provider
@VerifiedWebhook
@Priority(Priorities.AUTHENTICATION)
public class WebhookTokenFilter implements ContainerRequestFilter {

    private static final String BEARER_PREFIX = "bearer ";
    private static final String MISSING_CHALLENGE = "Bearer";
    private static final String INVALID_CHALLENGE = "Bearer error=\"invalid_token\"";
    private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    @Inject
    ReceiverSettings settings;

    @Inject
    WebhookBots bots;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        byte[] raw = readBody(request, settings.maxBodyBytes());
        requireJson(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        String bot = request.getUriInfo().getPathParameters().getFirst("bot");
        DeliveryChecks checks = bots.checksFor(bot).orElseThrow(() ->
                DeliveryRefusedException.notFound("No bot named '" + LogText.safe(bot) + "' is configured."));
        BotTokenVerifier verifier = checks.verifier().orElseThrow(() -> DeliveryRefusedException.unavailable(
                "The receiver has no secret for this bot yet; the operator must set dialoghook.secret."));
        String token = bearerToken(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        try {
            VerifiedToken verified = verifier.verify(token);
            request.setProperty(LogContext.DELIVERY_ID, verified.deliveryId());
            checks.binding().checkHash(verified.claims(), raw);
            DeliveryBody body = parse(checks, raw);
            request.setProperty(LogContext.HANDLER, body.handlerName());
            checks.binding().checkClaims(verified.claims(), body);
            request.setProperty(VerifiedDelivery.PROPERTY, new VerifiedDelivery(
                    bot == null ? WebhookBots.DEFAULT_BOT : bot, verified.deliveryId(), verified.claims(), body));
        } catch (InvalidTokenException e) {
            if (request.getProperty(LogContext.DELIVERY_ID) == null) {
                // hashed only when the token failed: a verified one names the delivery by its jti
                request.setProperty(LogContext.DELIVERY_ID, DeliveryIds.fromToken(token));
            }
            throw DeliveryRefusedException.unauthorized(e.getMessage(), INVALID_CHALLENGE);
        }
        request.setEntityStream(new ByteArrayInputStream(raw));
    }

    private static byte[] readBody(ContainerRequestContext request, int maxBytes) throws IOException {
        InputStream body = request.getEntityStream();
        if (request.getLength() > maxBytes) {
            throw tooLarge(body, maxBytes);
        }
        byte[] raw = request.getLength() >= 0 ? readDeclared(body, request.getLength(), maxBytes) : body.readNBytes(maxBytes + 1);
        if (raw.length > maxBytes) {
            throw tooLarge(body, maxBytes);
        }
        return raw;
    }

    /**
     * The body of the Content-Length read into an array of that size: reading up to the limit would go through
     * an 8 KiB buffer and a copy for every delivery. Should the stream hold more than it declared, the rest is
     * read up to one byte past the limit, as without a Content-Length.
     */
    private static byte[] readDeclared(InputStream body, int length, int maxBytes) throws IOException {
        byte[] raw = new byte[length];
        int read = body.readNBytes(raw, 0, length);
        if (read < length) {
            return Arrays.copyOf(raw, read);
        }
        int more = body.read();
        if (more == -1) {
            return raw;
        }
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.write(raw);
        longer.write(more);
        longer.write(body.readNBytes(maxBytes - length));
        return longer.toByteArray();
    }

    /**
     * The 413 answer. A bounded part of the rest of the body is read and dropped first, so that a client
     * that sends the whole body before reading the answer gets it; the connection is closed after it.
     */
    private static DeliveryRefusedException tooLarge(InputStream body, int maxBytes) throws IOException {
        byte[] sink = new byte[8192];
        long dropped = 0;
        for (int read = 0; read != -1 && dropped < DISCARD_LIMIT; read = body.read(sink)) {
            dropped += read;
        }
        return DeliveryRefusedException.tooLarge("The body is larger than the limit of " + maxBytes + " bytes.");
    }

    private static void requireJson(String contentType) {
        if (contentType == null) {
            throw DeliveryRefusedException.unsupportedMediaType("The request has no Content-Type; send application/json.");
        }
        if (contentType.equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
            return; // the plain type, as signers send it: nothing to parse
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            throw DeliveryRefusedException.unsupportedMediaType("The Content-Type is malformed; send application/json.");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        boolean json = type.getType().equalsIgnoreCase("application")
                && (type.getSubtype().equalsIgnoreCase("json") || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        if (!json || charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw DeliveryRefusedException.unsupportedMediaType(
                    "The body must be application/json (or application/*+json) in UTF-8, not '" + LogText.safe(contentType) + "'.");
        }
    }

    private static String bearerToken(List<String> authorization) {
        if (authorization == null || authorization.isEmpty()) {
            throw DeliveryRefusedException.unauthorized("The request carries no Bearer token.", MISSING_CHALLENGE);
        }
        if (authorization.size() > 1) {
            throw DeliveryRefusedException.unauthorized("The request carries more than one Authorization header.", INVALID_CHALLENGE);
        }
        String value = authorization.get(0).strip();
        if (!value.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            throw DeliveryRefusedException.unauthorized("The request carries no Bearer token.", MISSING_CHALLENGE);
        }
        String token = value.substring(BEARER_PREFIX.length()).strip();
        if (token.isEmpty() || hasSeparator(token)) {
            throw DeliveryRefusedException.unauthorized("The Authorization header does not hold exactly one Bearer token.",
                    INVALID_CHALLENGE);
        }
        return token;
    }

    private static boolean hasSeparator(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c == ',') {
                return true;
            }
        }
        return false;
    }

    private static DeliveryBody parse(DeliveryChecks checks, byte[] raw) {
        try {
            return checks.bodyReader().read(raw);
        } catch (MalformedDeliveryException e) {
            throw DeliveryRefusedException.badRequest(e.getMessage());
        }
    }
}
