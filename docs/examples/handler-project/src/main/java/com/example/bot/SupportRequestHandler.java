package com.example.bot;

import jakarta.enterprise.context.RequestScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A handler with a typed form: invalid answers are answered by the receiver with the messages. */
@RequestScoped
@HandlerName("support-request")
public class SupportRequestHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        SupportRequest form = request.form(SupportRequest.class);
        response.pushText("Thanks, we will answer at " + form.email + ".");
    }
}
