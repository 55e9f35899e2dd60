package org.dialoghook.it.handlers;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A dependent handler: a new instance per delivery, destroyed after it; reports how many were destroyed. */
@Dependent
@HandlerName("dependent")
public class DependentHandler implements WebhookHandler {

    private static final AtomicInteger DESTROYED = new AtomicInteger();

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        response.pushText("dependent").setAttribute("destroyedBefore", DESTROYED.get());
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.incrementAndGet();
    }
}
