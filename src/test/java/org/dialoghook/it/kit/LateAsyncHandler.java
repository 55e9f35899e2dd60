package org.dialoghook.it.kit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookRequest;

/** Replies after three seconds, past the deadline. */
@ApplicationScoped
@HandlerName("async-late")
public class LateAsyncHandler implements AsyncWebhookHandler {

    @Override
    public CompletionStage<Reply> handle(WebhookRequest request) {
        return CompletableFuture.supplyAsync(() -> new ResponseBuilder().pushText("too late").build(),
                CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
    }
}
