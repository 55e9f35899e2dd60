package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.ServerEndpoints.Facility;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.it.kit.SlowHandler;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Per-handler metrics through MicroProfile Metrics, as Payara Micro serves them: the server's {@code /metrics}, and
 * the receiver's deliveries, failures, timeouts and latency per handler in its application scope. WildFly has no
 * MicroProfile Metrics, so the WildFly run leaves this class out.
 */
class PayaraMicroMetricsIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("handler-metrics", Map.of("dialoghook.secret", SECRET, "dialoghook.handlers.slow.timeout", "PT1S"),
                EchoHandler.class, FailingHandler.class, SlowHandler.class);
    }

    @Test
    void metricsShowDeliveriesFailuresTimeoutsAndLatencyPerHandler() {
        ServerEndpoints.get(deploymentUrl, Facility.METRICS, "/metrics");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, deliver(signer().handler("echo").sign()).statusCode());
        }
        assertEquals(500, deliver(signer().handler("fail").sign()).statusCode());
        assertEquals(504, deliver(signer().handler("slow").sign()).statusCode());
        HttpResponse<String> metrics = ServerEndpoints.get(deploymentUrl, Facility.METRICS, "/metrics?scope=application",
                "Accept", "text/plain");
        assertEquals(200, metrics.statusCode(), metrics::body);
        PrometheusText text = new PrometheusText(metrics.body());
        assertEquals(3, text.value("dialoghook_handler_deliveries_total", "echo"), metrics::body);
        assertEquals(0, text.value("dialoghook_handler_failures_total", "echo"), metrics::body);
        assertEquals(1, text.value("dialoghook_handler_deliveries_total", "fail"), metrics::body);
        assertEquals(1, text.value("dialoghook_handler_failures_total", "fail"), metrics::body);
        assertEquals(0, text.value("dialoghook_handler_timeouts_total", "fail"), metrics::body);
        assertEquals(1, text.value("dialoghook_handler_timeouts_total", "slow"), metrics::body);
        assertEquals(1, text.value("dialoghook_handler_deliveries_total", "slow"), metrics::body);
        assertEquals(0, text.value("dialoghook_handler_failures_total", "slow"), metrics::body);
        assertEquals(3, text.value("dialoghook_handler_latency_seconds_count", "echo"), metrics::body);
    }
}
