package org.dialoghook.it.kit;

import jakarta.enterprise.context.RequestScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** The same form; its own setting answers an invalid form with a block pointer. */
@RequestScoped
@HandlerName("signup-pointer")
public class SignupPointerHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        SignupForm form = request.form(SignupForm.class);
        response.pushText("Welcome, " + form.name + " (" + form.age + ")");
    }
}
