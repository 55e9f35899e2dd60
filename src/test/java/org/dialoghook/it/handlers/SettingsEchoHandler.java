package org.dialoghook.it.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Replies, for each form value's name, with the value MicroProfile Config gives that setting in this
 * deployment ({@code "(not set)"} when none), so the script tests can check every setting a server script
 * wrote. Never answers for a name that holds a secret.
 */
@ApplicationScoped
@HandlerName("settings")
public class SettingsEchoHandler implements WebhookHandler {

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        for (String name : request.formValues().keySet()) {
            if (!name.contains("secret")) {
                response.setAttribute(name, ConfigProvider.getConfig().getOptionalValue(name, String.class)
                        .orElse("(not set)"));
            }
        }
    }
}
