package org.dialoghook.it;

import static org.dialoghook.it.telemetry.OtlpReceiver.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.it.kit.SlowHandler;
import org.dialoghook.it.telemetry.OtlpReceiver;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * WildFly has no MicroProfile Metrics: with its telemetry on for the deployment (MicroProfile Telemetry 2), the
 * handler metrics go to OpenTelemetry metrics and arrive at an OTLP receiver in the test JVM, per handler, with the
 * meaning they have in MicroProfile Metrics (OperationsIT checks those on Payara Micro).
 */
class WildFlyHandlerMetricsIT extends WebhookIT {

    /** The collector the server exports to: on loopback, in this JVM. */
    static final OtlpReceiver OTLP = OtlpReceiver.start();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return receiver("handler-metrics", TelemetrySettings.on(OTLP, Map.of("dialoghook.secret", SECRET,
                "dialoghook.handlers.slow.timeout", "PT1S")), EchoHandler.class, FailingHandler.class,
                SlowHandler.class);
    }

    @AfterAll
    static void stopReceiver() {
        OTLP.close();
    }

    @Test
    void handlerMetricsArriveOverOtlpPerHandler() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, deliver(signer().handler("echo").sign()).statusCode());
        }
        assertEquals(500, deliver(signer().handler("fail").sign()).statusCode());
        assertEquals(504, deliver(signer().handler("slow").sign()).statusCode());

        awaitCount("dialoghook.handler.deliveries", "echo", 3);
        awaitCount("dialoghook.handler.failures", "echo", 0);
        awaitCount("dialoghook.handler.deliveries", "fail", 1);
        awaitCount("dialoghook.handler.failures", "fail", 1);
        awaitCount("dialoghook.handler.timeouts", "fail", 0);
        awaitCount("dialoghook.handler.deliveries", "slow", 1);
        awaitCount("dialoghook.handler.timeouts", "slow", 1);
        awaitCount("dialoghook.handler.failures", "slow", 0);

        Metric latency = OTLP.awaitMetric("dialoghook.handler.latency with 3 echo deliveries",
                metric -> histogram(metric, "echo").filter(point -> point.getCount() == 3).isPresent(), WAIT);
        assertEquals("s", latency.getUnit());
        HistogramDataPoint slow = OTLP.awaitMetric("dialoghook.handler.latency of slow", metric -> histogram(metric,
                "slow").isPresent(), WAIT).getHistogram().getDataPointsList().stream()
                .filter(point -> "slow".equals(attribute(point.getAttributesList(), "handler"))).findFirst().orElseThrow();
        // the slow handler's delivery waited for its one-second deadline
        assertEquals(true, slow.getSum() >= 0.9, () -> "latency sum " + slow.getSum());
    }

    private static void awaitCount(String name, String handler, long count) {
        Metric metric = OTLP.awaitMetric(name + "{handler=" + handler + "} = " + count,
                candidate -> candidate.getName().equals(name) && sum(candidate, handler).filter(point ->
                        point.getAsInt() == count).isPresent(), WAIT);
        assertEquals(true, metric.getSum().getIsMonotonic(), name + " is a counter");
    }

    private static Optional<NumberDataPoint> sum(Metric metric, String handler) {
        if (!metric.hasSum()) {
            return Optional.empty();
        }
        return metric.getSum().getDataPointsList().stream()
                .filter(point -> handler.equals(attribute(point.getAttributesList(), "handler"))).findFirst();
    }

    private static Optional<HistogramDataPoint> histogram(Metric metric, String handler) {
        if (!metric.getName().equals("dialoghook.handler.latency") || !metric.hasHistogram()) {
            return Optional.empty();
        }
        return metric.getHistogram().getDataPointsList().stream()
                .filter(point -> handler.equals(attribute(point.getAttributesList(), "handler"))).findFirst();
    }
}
