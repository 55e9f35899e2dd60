package org.dialoghook.internal.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.WebhookHandler;
import org.dialoghook.internal.config.HandlerPolicy;

/**
 * The handlers by name, each already selected with {@link HandlerName.Literal} once at start, so a delivery
 * costs a map lookup and no bean resolution.
 */
@ApplicationScoped
public class HandlerRegistry {

    @Inject
    HandlerRegistryExtension extension;

    @Inject
    @Any
    Instance<WebhookHandler> handlers;

    @Inject
    @Any
    Instance<AsyncWebhookHandler> asyncHandlers;

    private Map<String, RegisteredHandler> byName;

    @PostConstruct
    void build() {
        Map<String, RegisteredHandler> built = new TreeMap<>();
        extension.handlers().forEach((name, bean) -> {
            HandlerName qualifier = HandlerName.Literal.of(name);
            boolean async = bean.getTypes().contains(AsyncWebhookHandler.class);
            built.put(name, new RegisteredHandler(name,
                    async ? null : handlers.select(qualifier),
                    async ? asyncHandlers.select(qualifier) : null,
                    isDependent(bean)));
        });
        byName = Map.copyOf(built);
    }

    private static boolean isDependent(Bean<?> bean) {
        return bean.getScope() == Dependent.class;
    }

    /**
     * The handler registered under a name.
     *
     * @param name the handler name from the delivery
     * @return the handler, or empty when none has that name
     */
    public Optional<RegisteredHandler> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Every registered name.
     *
     * @return the names, sorted
     */
    public Set<String> names() {
        return extension.handlers().keySet();
    }

    /**
     * The deadline and fallback policy of a handler.
     *
     * @param name the handler's name
     * @return its policy
     */
    public HandlerPolicy policyFor(String name) {
        return extension.policies().policyFor(name);
    }

    /**
     * One registered handler: exactly one of {@code handler} and {@code asyncHandler} is set.
     *
     * @param name its name
     * @param handler its bean when it answers at once, selected once
     * @param asyncHandler its bean when it answers with a completion stage, selected once
     * @param dependent whether each use creates an instance that must be destroyed afterwards
     */
    public record RegisteredHandler(String name, Instance<WebhookHandler> handler,
            Instance<AsyncWebhookHandler> asyncHandler, boolean dependent) {
    }
}
