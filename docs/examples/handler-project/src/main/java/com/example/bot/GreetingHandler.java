package com.example.bot;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.Block;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** A CDI handler that greets the user by name and offers two buttons. */
@ApplicationScoped
@HandlerName("greeting")
public class GreetingHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        String name = request.formValue("name").orElse("there");
        response.pushButtons("Hello, " + name + "! What would you like to do?",
                Block.Button.toBlock("Get a price", "64a0c0ffee0000000000a001"),
                Block.Button.toUrl("Visit the shop", "https://shop.example.com"));
    }
}
