package org.dialoghook.internal.config;

import java.util.Map;

/**
 * The handler policy every handler gets, and the overrides set for single handlers by name
 * ({@code dialoghook.handlers.<name>.timeout} and the like).
 *
 * @param defaults the global policy
 * @param overrides the per-handler policies, each already merged with the global one
 */
public record HandlerPolicies(HandlerPolicy defaults, Map<String, HandlerPolicy> overrides) {

    /** Copies the overrides. */
    public HandlerPolicies {
        overrides = Map.copyOf(overrides);
    }

    /**
     * The policy of one handler.
     *
     * @param handlerName the handler's name
     * @return its own policy, or the global one
     */
    public HandlerPolicy policyFor(String handlerName) {
        return overrides.getOrDefault(handlerName, defaults);
    }
}
