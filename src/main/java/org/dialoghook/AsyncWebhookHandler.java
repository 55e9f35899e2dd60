package org.dialoghook;

import java.util.concurrent.CompletionStage;

/**
 * Business logic that answers a delivery later: it returns at once and completes the stage with the reply.
 *
 * <p>Name it with {@link HandlerName} like a {@link WebhookHandler}. The receiver calls it on a managed
 * executor and holds the stage to the handler's deadline ({@code dialoghook.handler.timeout}); a stage that
 * completes later is discarded and logged. Build the reply with a {@code new ResponseBuilder()}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * @HandlerName("order-status")
 * public class OrderStatusHandler implements AsyncWebhookHandler {
 *     @Inject OrderService orders;   // returns CompletionStage<Order>
 *
 *     @Override
 *     public CompletionStage<Reply> handle(WebhookRequest request) {
 *         return orders.find(request.formValue("order").orElseThrow())
 *                 .thenApply(order -> new ResponseBuilder().pushText("Status: " + order.status()).build());
 *     }
 * }
 * }</pre>
 *
 * <p>A method annotated with Jakarta Concurrency's {@code @Asynchronous} that returns a
 * {@code CompletableFuture} works as well.
 */
public interface AsyncWebhookHandler {

    /**
     * Starts handling one verified delivery.
     *
     * @param request the delivery
     * @return a stage that completes with the bot's reply, or exceptionally when the handler failed
     * @throws Exception a failure before the stage exists; treated like a failed stage
     */
    CompletionStage<Reply> handle(WebhookRequest request) throws Exception;
}
