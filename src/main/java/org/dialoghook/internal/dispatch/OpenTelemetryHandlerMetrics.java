package org.dialoghook.internal.dispatch;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Handler metrics as OpenTelemetry instruments of the application's {@code Meter} (MicroProfile Telemetry 2), with
 * the attribute {@code handler=<name>}: the counters {@code dialoghook.handler.deliveries}, {@code .failures} and
 * {@code .timeouts}, and the histogram {@code dialoghook.handler.latency} in seconds. The same meaning as
 * {@link MicroProfileHandlerMetrics}; the server's telemetry exports them (for example over OTLP to a collector).
 * Loaded only on servers whose application sees the OpenTelemetry API; not a bean, so servers without it never
 * load it.
 */
final class OpenTelemetryHandlerMetrics implements HandlerMetrics {

    static final AttributeKey<String> HANDLER = AttributeKey.stringKey("handler");

    private static final double NANOS_PER_SECOND = 1e9;

    private final Meter meter;
    private final LongCounter deliveries;
    private final LongCounter failures;
    private final LongCounter timeouts;
    private final DoubleHistogram latency;
    private final Map<String, Attributes> byHandler = new ConcurrentHashMap<>();

    private OpenTelemetryHandlerMetrics(Meter meter) {
        this.meter = meter;
        deliveries = meter.counterBuilder(MicroProfileHandlerMetrics.DELIVERIES)
                .setDescription("Deliveries dispatched to the handler, whatever their outcome").setUnit("{delivery}")
                .build();
        failures = meter.counterBuilder(MicroProfileHandlerMetrics.FAILURES)
                .setDescription("Deliveries whose handler threw").setUnit("{delivery}").build();
        timeouts = meter.counterBuilder(MicroProfileHandlerMetrics.TIMEOUTS)
                .setDescription("Deliveries whose handler did not answer before its deadline").setUnit("{delivery}")
                .build();
        latency = meter.histogramBuilder(MicroProfileHandlerMetrics.LATENCY)
                .setDescription("How long the handler took, whatever the outcome").setUnit("s").build();
    }

    /**
     * Creates the instruments and gives every handler's counters a zero, so they show from the start.
     *
     * @param meter the application's {@code Meter}, typed as {@code Object} so that callers need not load the
     *        OpenTelemetry API
     * @param handlers the registered handler names
     * @return the metrics
     */
    static HandlerMetrics create(Object meter, Collection<String> handlers) {
        OpenTelemetryHandlerMetrics metrics = new OpenTelemetryHandlerMetrics((Meter) meter);
        for (String handler : handlers) {
            Attributes attributes = metrics.attributes(handler);
            metrics.deliveries.add(0, attributes);
            metrics.failures.add(0, attributes);
            metrics.timeouts.add(0, attributes);
        }
        return metrics;
    }

    @Override
    public void watchReplayStore(LongSupplier leftEarly) {
        meter.counterBuilder(REPLAY_LEFT_EARLY)
                .setDescription("Deliveries whose replay record left the store before their replay window ended")
                .setUnit("{delivery}").buildWithCallback(count -> count.record(leftEarly.getAsLong()));
    }

    @Override
    public void succeeded(String handler, long nanos) {
        record(attributes(handler), nanos);
    }

    @Override
    public void failed(String handler, long nanos) {
        Attributes attributes = attributes(handler);
        failures.add(1, attributes);
        record(attributes, nanos);
    }

    @Override
    public void timedOut(String handler, long nanos) {
        Attributes attributes = attributes(handler);
        timeouts.add(1, attributes);
        record(attributes, nanos);
    }

    private void record(Attributes attributes, long nanos) {
        deliveries.add(1, attributes);
        latency.record(nanos / NANOS_PER_SECOND, attributes);
    }

    private Attributes attributes(String handler) {
        return byHandler.computeIfAbsent(handler, name -> Attributes.of(HANDLER, name));
    }
}
