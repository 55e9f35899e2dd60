package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Replies with what the request view shows, so tests can check it over HTTP. */
@ApplicationScoped
@HandlerName("inspect")
public class InspectHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        response.pushText(String.join(",", request.formValues().keySet()))
                .setAttribute("bot", request.bot())
                .setAttribute("deliveryId", request.deliveryId())
                .setAttribute("handlerName", request.handlerName())
                .setAttribute("parameters", request.parameters().toString())
                .setAttribute("formValueAge", request.formValue("age").orElse("(none)"))
                .setAttribute("formValueName", request.formValue("name").orElse("(none)"));
        if (request.formValues().containsKey("age")) {
            ContactForm form = request.form(ContactForm.class);
            response.setAttribute("typedName", form.name).setAttribute("typedAge", form.age);
        }
    }
}
