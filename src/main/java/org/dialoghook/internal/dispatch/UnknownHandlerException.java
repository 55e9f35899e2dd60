package org.dialoghook.internal.dispatch;

import java.util.Set;

/** No handler is registered under the name a delivery asked for. */
public class UnknownHandlerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String handlerName;
    private final Set<String> registeredNames;

    /**
     * Creates the exception.
     *
     * @param handlerName the name asked for
     * @param registeredNames the names that are registered
     */
    public UnknownHandlerException(String handlerName, Set<String> registeredNames) {
        super("No handler is registered under the name '" + handlerName + "'.");
        this.handlerName = handlerName;
        this.registeredNames = Set.copyOf(registeredNames);
    }

    /**
     * The name asked for.
     *
     * @return the handler name
     */
    public String handlerName() {
        return handlerName;
    }

    /**
     * The names that are registered, for the log.
     *
     * @return the names
     */
    public Set<String> registeredNames() {
        return registeredNames;
    }
}
