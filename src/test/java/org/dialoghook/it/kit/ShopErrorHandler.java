package org.dialoghook.it.kit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.dialoghook.HandlerFailure;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookErrorHandler;
import org.dialoghook.WebhookRequest;

/** Replaces the receiver's error handler: out-of-stock failures get a friendly text; the rest the fallback. */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ShopErrorHandler implements WebhookErrorHandler {

    @Override
    public Optional<Reply> onFailure(WebhookRequest request, HandlerFailure failure) {
        for (Throwable cause = failure.cause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfStockException) {
                return Optional.of(new ResponseBuilder().pushText("Sorry, " + cause.getMessage() + ".")
                        .setAttribute("errorId", failure.errorId()).build());
            }
        }
        return failure.fallbackReply();
    }
}
