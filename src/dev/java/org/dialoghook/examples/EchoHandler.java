package org.dialoghook.examples;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/** Example CDI handler: replies one text block that lists each form value as {@code name=value}, in form order. */
@ApplicationScoped
@HandlerName("echo")
public class EchoHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        String lines = request.formValues().keySet().stream()
                .map(name -> name + "=" + request.formValue(name).orElse(""))
                .collect(Collectors.joining("\n"));
        response.pushText(lines);
    }
}
