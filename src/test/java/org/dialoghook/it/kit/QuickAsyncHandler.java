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

/** Replies from another thread after 100 ms, well within the deadline. */
@ApplicationScoped
@HandlerName("async-quick")
public class QuickAsyncHandler implements AsyncWebhookHandler {

    @Override
    public CompletionStage<Reply> handle(WebhookRequest request) {
        return CompletableFuture.supplyAsync(() -> new ResponseBuilder()
                .pushText("later: " + request.formValue("n").orElse("?")).build(),
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
    }
}
