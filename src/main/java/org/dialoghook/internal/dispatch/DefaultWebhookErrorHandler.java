package org.dialoghook.internal.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.dialoghook.HandlerFailure;
import org.dialoghook.Reply;
import org.dialoghook.WebhookErrorHandler;
import org.dialoghook.WebhookRequest;

/** The receiver's own error handler: the configured fallback block, else the problem reply. */
@ApplicationScoped
public class DefaultWebhookErrorHandler implements WebhookErrorHandler {

    @Override
    public Optional<Reply> onFailure(WebhookRequest request, HandlerFailure failure) {
        return failure.fallbackReply();
    }
}
