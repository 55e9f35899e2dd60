package org.dialoghook.internal.auth;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A delivery the receiver itself refused, with a message written for the sender. Only these messages reach a
 * reply's {@code detail}: what the JAX-RS runtime raises (404, 405, ...) carries server-specific text, such
 * as a vendor message id and the full request URL, and is answered with a fixed detail instead.
 */
public final class DeliveryRefusedException extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private DeliveryRefusedException(String message, Response.ResponseBuilder response) {
        super(message, response.build());
    }

    /**
     * A {@code 400}: the body is not a delivery.
     *
     * @param message what is wrong, safe to show the sender
     * @return the exception
     */
    public static DeliveryRefusedException badRequest(String message) {
        return new DeliveryRefusedException(message, Response.status(Response.Status.BAD_REQUEST));
    }

    /**
     * A {@code 401} with a {@code WWW-Authenticate} challenge.
     *
     * @param message what is wrong with the credentials, never the token itself
     * @param challenge the challenge, for example {@code Bearer error="invalid_token"}
     * @return the exception
     */
    public static DeliveryRefusedException unauthorized(String message, String challenge) {
        return new DeliveryRefusedException(message, Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    /**
     * A {@code 404}: nothing is configured for the request's path.
     *
     * @param message what was not found
     * @return the exception
     */
    public static DeliveryRefusedException notFound(String message) {
        return new DeliveryRefusedException(message, Response.status(Response.Status.NOT_FOUND));
    }

    /**
     * A {@code 413}; the connection is closed after the answer.
     *
     * @param message the limit that was exceeded
     * @return the exception
     */
    public static DeliveryRefusedException tooLarge(String message) {
        return new DeliveryRefusedException(message, Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                .header("Connection", "close"));
    }

    /**
     * A {@code 415}: the body is not JSON.
     *
     * @param message which media type is expected
     * @return the exception
     */
    public static DeliveryRefusedException unsupportedMediaType(String message) {
        return new DeliveryRefusedException(message, Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE));
    }

    /**
     * A {@code 503}: the receiver cannot verify deliveries yet.
     *
     * @param message what the operator must do
     * @return the exception
     */
    public static DeliveryRefusedException unavailable(String message) {
        return new DeliveryRefusedException(message, Response.status(Response.Status.SERVICE_UNAVAILABLE));
    }
}
