package org.dialoghook.it.handlers;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dialoghook.HandlerName;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;

/**
 * Test only: sets each form value as a JVM system property (an empty value removes it), as an operator's
 * {@code -D}, WildFly's {@code /system-property} or Payara's {@code create-system-properties} does while the
 * application runs. Every property it set is removed when the application is undeployed, so a server that goes on
 * serving other test deployments is left as it was. Replies with the names it changed, never a value.
 */
@ApplicationScoped
@HandlerName("system-properties")
public class SystemPropertiesHandler implements WebhookHandler {

    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    @Override
    public void handle(WebhookRequest request, ResponseBuilder response) {
        request.formValues().keySet().forEach(name -> {
            String text = request.formValue(name).orElse("");
            if (text.isEmpty()) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, text);
            }
            changed.add(name);
        });
        response.pushText("changed " + new java.util.TreeSet<>(request.formValues().keySet()));
    }

    @PreDestroy
    void restore() {
        changed.forEach(System::clearProperty);
    }
}
