package org.dialoghook.internal.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.WebhookHandler;
import org.dialoghook.internal.config.HandlerPolicies;
import org.dialoghook.internal.config.HandlerPolicy;
import org.dialoghook.internal.config.ReceiverExtension;
import org.dialoghook.internal.config.LiveSettings;

/**
 * The handlers by name, each already selected with {@link HandlerName.Literal} once at start, so a delivery
 * costs a map lookup and no bean resolution. The handlers' settings (deadline, fallbacks, the bots a handler
 * serves) are not here: they belong to the settings snapshot each delivery works from.
 */
@ApplicationScoped
public class HandlerRegistry {

    @Inject
    ReceiverExtension extension;

    @Inject
    @Any
    Instance<WebhookHandler> handlers;

    @Inject
    @Any
    Instance<AsyncWebhookHandler> asyncHandlers;

    @Inject
    LiveSettings settings;

    private Map<String, RegisteredHandler> byName;
    private Set<String> names;

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
        names = Collections.unmodifiableSet(new TreeSet<>(built.keySet()));
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
        return names;
    }

    /**
     * Every registered handler described, by name; for the development console, not for deliveries.
     *
     * @return the descriptions, sorted by name
     */
    public List<HandlerDescription> describe() {
        List<HandlerDescription> described = new ArrayList<>();
        HandlerPolicies handlerPolicies = settings.current().handlers();
        new TreeMap<>(extension.handlers()).forEach((name, bean) -> {
            HandlerPolicy policy = handlerPolicies.policyFor(name);
            Class<?> type = bean.getBeanClass();
            described.add(new HandlerDescription(name, type.getName(), isSessionBean(type) ? "EJB" : "CDI",
                    bean.getScope().getSimpleName(), bean.getTypes().contains(AsyncWebhookHandler.class), policy.bots(),
                    policy.timeout(), policy.fallbackBlock(), policy.invalidFormBlock()));
        });
        return List.copyOf(described);
    }

    private static boolean isSessionBean(Class<?> type) {
        return type.isAnnotationPresent(Stateless.class) || type.isAnnotationPresent(Singleton.class)
                || type.isAnnotationPresent(Stateful.class);
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
