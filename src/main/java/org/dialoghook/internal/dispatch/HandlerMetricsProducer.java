package org.dialoghook.internal.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.internal.config.LiveSettings;

/**
 * Chooses the handler metrics once at start: MicroProfile Metrics when the server offers its API and a registry
 * bean to the application (Payara), else OpenTelemetry metrics when it offers a {@code Meter} bean (MicroProfile
 * Telemetry 2, for example WildFly with its telemetry subsystems) and telemetry is on for the application
 * ({@code otel.sdk.disabled=false}), else none (WildFly's default configuration). No
 * server's own classes are used; the choice is made by looking the APIs up by name.
 */
@ApplicationScoped
public class HandlerMetricsProducer {

    static final String REGISTRY_TYPE = "org.eclipse.microprofile.metrics.MetricRegistry";
    static final String METER_TYPE = "io.opentelemetry.api.metrics.Meter";

    private static final Logger LOG = Logger.getLogger(HandlerMetricsProducer.class.getName());

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    HandlerRegistry registry;

    @Inject
    LiveSettings live;

    @Produces
    @ApplicationScoped
    HandlerMetrics metrics() {
        Instance<Object> metricRegistry = bean(REGISTRY_TYPE);
        if (metricRegistry != null && metricRegistry.isResolvable()) {
            LOG.log(Level.INFO, "DH-0310 handler metrics go to MicroProfile Metrics (dialoghook.handler.*)");
            return MicroProfileHandlerMetrics.create(metricRegistry.get(), registry.names());
        }
        Instance<Object> meter = bean(METER_TYPE);
        if (meter != null && meter.isResolvable()) {
            if (live.current().telemetry()) {
                LOG.log(Level.INFO, "DH-0312 handler metrics go to the server''s OpenTelemetry metrics "
                        + "(dialoghook.handler.*)");
                return OpenTelemetryHandlerMetrics.create(meter.get(), registry.names());
            }
            LOG.log(Level.INFO, "DH-0311 the server offers OpenTelemetry metrics but telemetry is off for this "
                    + "application (otel.sdk.disabled is not false): handler metrics are not recorded");
            return new NoHandlerMetrics();
        }
        LOG.log(Level.INFO, "DH-0311 the server offers neither MicroProfile Metrics nor an OpenTelemetry Meter to the "
                + "application: handler metrics are not recorded");
        return new NoHandlerMetrics();
    }

    /** Chooses the metrics when the application starts, so that every handler's metrics show from then on. */
    void chooseAtStart(@Observes @Initialized(ApplicationScoped.class) Object started, HandlerMetrics metrics) {
        metrics.toString();
    }

    @SuppressWarnings("unchecked")
    private Instance<Object> bean(String typeName) {
        try {
            Class<?> type = Class.forName(typeName, false, HandlerMetricsProducer.class.getClassLoader());
            return beans.select((Class<Object>) type, Default.Literal.INSTANCE);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
