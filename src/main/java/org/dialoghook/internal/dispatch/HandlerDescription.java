package org.dialoghook.internal.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a registered handler is, for the development console: its name, its bean, and the settings it runs with.
 *
 * @param name its name
 * @param beanClass the bean's class
 * @param kind {@code EJB} for a session bean, else {@code CDI}
 * @param scope the bean's scope annotation's simple name, for example {@code ApplicationScoped}
 * @param asynchronous whether it answers with a completion stage
 * @param bots the bots it serves; empty when it serves every bot
 * @param timeout its deadline
 * @param fallbackBlock the block sent when it fails or misses its deadline
 * @param invalidFormBlock the block sent when a form does not fit its type
 */
public record HandlerDescription(String name, String beanClass, String kind, String scope, boolean asynchronous,
        Optional<Set<String>> bots, Duration timeout, Optional<String> fallbackBlock,
        Optional<String> invalidFormBlock) {
}
