package org.dialoghook.internal.config;

import java.util.Map;

/**
 * The global handler policy, and each registered handler's own, merged with the global one
 * ({@code dialoghook.handlers.<name>.timeout} and the like).
 *
 * @param defaults the global policy
 * @param byHandler the policy of each registered handler
 */
public record HandlerPolicies(HandlerPolicy defaults, Map<String, HandlerPolicy> byHandler) {

    /** Copies the map. */
    public HandlerPolicies {
        byHandler = Map.copyOf(byHandler);
    }

    /**
     * The policy of one handler.
     *
     * @param handlerName the handler's name
     * @return its own policy, or the global one
     */
    public HandlerPolicy policyFor(String handlerName) {
        return byHandler.getOrDefault(handlerName, defaults);
    }
}
