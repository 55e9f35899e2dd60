package org.dialoghook.it.kit;

import jakarta.enterprise.context.RequestScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Binds and validates a typed form; only a valid form reaches the reply. */
@RequestScoped
@HandlerName("signup")
public class SignupHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        SignupForm form = request.form(SignupForm.class);
        response.pushText("Welcome, " + form.name + " (" + form.age + ")");
    }
}
