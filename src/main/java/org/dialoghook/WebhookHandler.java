package org.dialoghook;

/**
 * Business logic that answers one kind of LogicDialog delivery.
 *
 * <p>Implement it on an EJB ({@code @Stateless}, {@code @Singleton}) or a CDI bean
 * ({@code @ApplicationScoped}, {@code @RequestScoped}, {@code @Dependent}) and name it with
 * {@link HandlerName}. The receiver calls {@link #handle} only after the delivery's token has been
 * verified; whatever the handler pushes onto the {@link ResponseBuilder} becomes the bot's reply.
 */
public interface WebhookHandler {

    /**
     * Handles one verified delivery.
     *
     * @param request the delivery: handler name, form values, conversation parameters
     * @param response the builder of the bot's reply
     * @throws Exception any failure; the bot receives an error reply and the log carries its error id
     */
    void handle(WebhookRequest request, ResponseBuilder response) throws Exception;
}
