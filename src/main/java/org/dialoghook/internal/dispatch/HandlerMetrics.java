package org.dialoghook.internal.dispatch;

/**
 * Counts what each handler did: deliveries, failures, timeouts and how long they took. Backed by the server's
 * metrics facility where it has one, else by nothing (see {@link HandlerMetricsProducer}). Thread-safe.
 */
public interface HandlerMetrics {

    /**
     * A handler ran and returned a reply.
     *
     * @param handler the handler's name
     * @param nanos how long it ran
     */
    void succeeded(String handler, long nanos);

    /**
     * A handler threw.
     *
     * @param handler the handler's name
     * @param nanos how long it ran
     */
    void failed(String handler, long nanos);

    /**
     * A handler did not answer before its deadline.
     *
     * @param handler the handler's name
     * @param nanos how long the delivery waited for it
     */
    void timedOut(String handler, long nanos);
}
