package org.dialoghook.it;

import java.util.HashMap;
import java.util.Map;
import org.dialoghook.it.telemetry.OtlpReceiver;

/**
 * The MicroProfile Config properties that turn a deployment's OpenTelemetry on and send what it records to an OTLP
 * receiver over HTTP (protobuf), with short export delays so a test need not wait long. Only the deployments that
 * add them have telemetry on.
 */
final class TelemetrySettings {

    private TelemetrySettings() {
    }

    /**
     * The settings with telemetry on.
     *
     * @param receiver where to export
     * @param settings the deployment's other settings
     * @return both
     */
    static Map<String, String> on(OtlpReceiver receiver, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("otel.sdk.disabled", "false");
        all.put("otel.service.name", "dialoghook-it");
        all.put("otel.traces.exporter", "otlp");
        all.put("otel.logs.exporter", "none");
        all.put("otel.exporter.otlp.protocol", "http/protobuf");
        all.put("otel.exporter.otlp.endpoint", receiver.endpoint());
        all.put("otel.bsp.schedule.delay", "100");
        all.put("otel.metric.export.interval", "500");
        // Payara 6 exports traces only; WildFly's MicroProfile Telemetry 2 exports metrics too
        all.put("otel.metrics.exporter", "payara-micro".equals(System.getProperty("dialoghook.it.server")) ? "none"
                : "otlp");
        return all;
    }
}
