package org.dialoghook.internal.dispatch;

/**
 * Counts what each handler did: deliveries, failures, timeouts and how long they took; and how many deliveries'
 * replay records left the replay store before their window ended. Backed by the server's metrics facility where
 * it has one, else by nothing (see {@link HandlerMetricsProducer}). Thread-safe.
 */
public interface HandlerMetrics {

    /** The name of the count of replay records that left the store before their window ended. */
    String REPLAY_LEFT_EARLY = "dialoghook.replay.left.early";

    /**
     * Publishes the replay store's count of records that left it before their window ended
     * ({@value #REPLAY_LEFT_EARLY}), read whenever the metrics are collected.
     *
     * @param leftEarly the store's running count
     */
    void watchReplayStore(java.util.function.LongSupplier leftEarly);

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
