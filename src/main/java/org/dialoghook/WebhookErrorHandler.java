package org.dialoghook;

import java.util.Optional;

/**
 * Chooses the bot's reply when a handler throws or misses its deadline (the error SPI).
 *
 * <p>The receiver's own implementation answers with the configured fallback block
 * ({@code dialoghook.fallback-block}, or {@code dialoghook.handlers.<name>.fallback-block}) and otherwise
 * lets the receiver answer with a problem (500, or 504 for a timeout). Replace it with an ordinary CDI
 * alternative to shape replies for exceptions of your own:
 *
 * <pre>{@code
 * @Alternative
 * @Priority(Interceptor.Priority.APPLICATION)
 * @ApplicationScoped
 * public class ShopErrorHandler implements WebhookErrorHandler {
 *     @Override
 *     public Optional<Reply> onFailure(WebhookRequest request, HandlerFailure failure) {
 *         if (failure.cause() instanceof OutOfStockException) {
 *             return Optional.of(new ResponseBuilder().pushText("Sorry, that is sold out.").build());
 *         }
 *         return failure.fallbackReply();
 *     }
 * }
 * }</pre>
 *
 * <p>The failure has already been logged with its error id when this is called.
 */
public interface WebhookErrorHandler {

    /**
     * Chooses the reply for a failed delivery.
     *
     * @param request the delivery whose handler failed
     * @param failure what went wrong
     * @return the reply to send with status 200, or empty for the receiver's problem reply
     */
    Optional<Reply> onFailure(WebhookRequest request, HandlerFailure failure);
}
