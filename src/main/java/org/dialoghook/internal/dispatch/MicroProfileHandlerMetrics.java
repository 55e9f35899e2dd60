package org.dialoghook.internal.dispatch;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Handler metrics in the application's MicroProfile Metrics registry, tagged {@code handler=<name>}:
 * {@code dialoghook.handler.deliveries}, {@code .failures}, {@code .timeouts} (counters) and
 * {@code dialoghook.handler.latency} (a timer). Loaded only on servers that offer MicroProfile Metrics; not a
 * bean, so servers without the API never load it.
 */
final class MicroProfileHandlerMetrics implements HandlerMetrics {

    static final String DELIVERIES = "dialoghook.handler.deliveries";
    static final String FAILURES = "dialoghook.handler.failures";
    static final String TIMEOUTS = "dialoghook.handler.timeouts";
    static final String LATENCY = "dialoghook.handler.latency";

    private static final Metadata DELIVERIES_META = Metadata.builder().withName(DELIVERIES)
            .withDescription("Deliveries dispatched to the handler, whatever their outcome").build();
    private static final Metadata FAILURES_META = Metadata.builder().withName(FAILURES)
            .withDescription("Deliveries whose handler threw").build();
    private static final Metadata TIMEOUTS_META = Metadata.builder().withName(TIMEOUTS)
            .withDescription("Deliveries whose handler did not answer before its deadline").build();
    private static final Metadata LATENCY_META = Metadata.builder().withName(LATENCY)
            .withDescription("How long the handler took, whatever the outcome").withUnit(MetricUnits.NANOSECONDS).build();

    private static final Metadata LEFT_EARLY_META = Metadata.builder().withName(REPLAY_LEFT_EARLY)
            .withDescription("Deliveries whose replay record left the store before their replay window ended: a "
                    + "redelivery of one of them runs its handler again").build();

    private final MetricRegistry registry;
    private final Map<String, Meters> byHandler = new ConcurrentHashMap<>();

    private MicroProfileHandlerMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers the metrics of every handler, so they show from the start with zero counts.
     *
     * @param registry the application's {@code MetricRegistry}, typed as {@code Object} so that callers need not
     *        load the MicroProfile Metrics API
     * @param handlers the registered handler names
     * @return the metrics
     */
    static HandlerMetrics create(Object registry, Collection<String> handlers) {
        MicroProfileHandlerMetrics metrics = new MicroProfileHandlerMetrics((MetricRegistry) registry);
        handlers.forEach(metrics::meters);
        return metrics;
    }

    @Override
    public void watchReplayStore(LongSupplier leftEarly) {
        registry.gauge(LEFT_EARLY_META, leftEarly::getAsLong);
    }

    @Override
    public void succeeded(String handler, long nanos) {
        meters(handler).record(nanos);
    }

    @Override
    public void failed(String handler, long nanos) {
        Meters meters = meters(handler);
        meters.failures().inc();
        meters.record(nanos);
    }

    @Override
    public void timedOut(String handler, long nanos) {
        Meters meters = meters(handler);
        meters.timeouts().inc();
        meters.record(nanos);
    }

    private Meters meters(String handler) {
        return byHandler.computeIfAbsent(handler, name -> {
            Tag tag = new Tag("handler", name);
            return new Meters(registry.counter(DELIVERIES_META, tag), registry.counter(FAILURES_META, tag),
                    registry.counter(TIMEOUTS_META, tag), registry.timer(LATENCY_META, tag));
        });
    }

    private record Meters(Counter deliveries, Counter failures, Counter timeouts, Timer latency) {

        void record(long nanos) {
            deliveries.inc();
            latency.update(Duration.ofNanos(nanos));
        }
    }
}
