package org.dialoghook.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler metrics as OpenTelemetry instruments, read from a real SDK's in-memory reader. */
class OpenTelemetryHandlerMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
    private final HandlerMetrics metrics = OpenTelemetryHandlerMetrics.create(provider.get("test"),
            List.of("echo", "fail"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void everyHandlersCountersStartAtZero() {
        Collection<MetricData> read = reader.collectAllMetrics();
        for (String name : List.of("dialoghook.handler.deliveries", "dialoghook.handler.failures",
                "dialoghook.handler.timeouts")) {
            assertEquals(0, count(read, name, "echo"), name);
            assertEquals(0, count(read, name, "fail"), name);
        }
    }

    @Test
    void outcomesAreCountedPerHandlerAndEveryOneIsTimedInSeconds() {
        metrics.succeeded("echo", 2_000_000);
        metrics.succeeded("echo", 4_000_000);
        metrics.failed("fail", 1_000_000);
        metrics.timedOut("slow", 1_000_000_000);
        Collection<MetricData> read = reader.collectAllMetrics();
        assertEquals(2, count(read, "dialoghook.handler.deliveries", "echo"));
        assertEquals(0, count(read, "dialoghook.handler.failures", "echo"));
        assertEquals(1, count(read, "dialoghook.handler.deliveries", "fail"));
        assertEquals(1, count(read, "dialoghook.handler.failures", "fail"));
        assertEquals(0, count(read, "dialoghook.handler.timeouts", "fail"));
        assertEquals(1, count(read, "dialoghook.handler.deliveries", "slow"));
        assertEquals(1, count(read, "dialoghook.handler.timeouts", "slow"));
        HistogramPointData echo = latency(read, "echo");
        assertEquals(2, echo.getCount());
        assertEquals(0.006, echo.getSum(), 1e-9);
        assertEquals(1.0, latency(read, "slow").getSum(), 1e-9);
        assertEquals("s", metric(read, "dialoghook.handler.latency").getUnit());
        assertTrue(metric(read, "dialoghook.handler.deliveries").getLongSumData().isMonotonic());
    }

    @Test
    void theReplayStoresCountOfRecordsThatLeftEarlyIsReadAtEachCollection() {
        java.util.concurrent.atomic.AtomicLong leftEarly = new java.util.concurrent.atomic.AtomicLong(3);
        metrics.watchReplayStore(leftEarly::get);
        assertEquals(3, replayLeftEarly(reader.collectAllMetrics()));
        leftEarly.set(5);
        assertEquals(5, replayLeftEarly(reader.collectAllMetrics()));
    }

    private static long replayLeftEarly(Collection<MetricData> read) {
        return metric(read, HandlerMetrics.REPLAY_LEFT_EARLY).getLongSumData().getPoints().iterator().next().getValue();
    }

    private static MetricData metric(Collection<MetricData> read, String name) {
        return read.stream().filter(metric -> metric.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + read));
    }

    private static long count(Collection<MetricData> read, String name, String handler) {
        return metric(read, name).getLongSumData().getPoints().stream()
                .filter(point -> point.getAttributes().equals(Attributes.of(OpenTelemetryHandlerMetrics.HANDLER, handler)))
                .mapToLong(LongPointData::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " for " + handler));
    }

    private static HistogramPointData latency(Collection<MetricData> read, String handler) {
        return metric(read, "dialoghook.handler.latency").getHistogramData().getPoints().stream()
                .filter(point -> point.getAttributes().equals(Attributes.of(OpenTelemetryHandlerMetrics.HANDLER, handler)))
                .findFirst().orElseThrow(() -> new AssertionError("no latency for " + handler));
    }
}
