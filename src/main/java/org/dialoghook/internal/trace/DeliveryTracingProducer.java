package org.dialoghook.internal.trace;

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
 * Chooses the delivery tracing once at start: OpenTelemetry when the server's telemetry is on for the application
 * ({@code otel.sdk.disabled=false}, see {@link ReceiverSettings#telemetry()}), the server offers it a {@code Tracer}
 * bean (MicroProfile Telemetry) and that tracer records spans, else none. The switch is read too because a server
 * may hand out a recording tracer whose spans go nowhere while telemetry is off (Payara does). No server's own classes
 * are used; the API is looked up by name, so the receiver deploys and runs on servers without it.
 *
 * <p>The choice is made once and kept here; it is produced as a dependent object, so the request path calls it
 * directly rather than through a client proxy.
 */
@ApplicationScoped
public class DeliveryTracingProducer {

    static final String TRACER_TYPE = "io.opentelemetry.api.trace.Tracer";

    private static final Logger LOG = Logger.getLogger(DeliveryTracingProducer.class.getName());

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    LiveSettings live;

    private DeliveryTracing chosen;

    @Produces
    synchronized DeliveryTracing tracing() {
        if (chosen == null) {
            chosen = choose();
        }
        return chosen;
    }

    private DeliveryTracing choose() {
        if (!live.current().telemetry()) {
            LOG.log(Level.INFO, "DH-0321 telemetry is off for this application (otel.sdk.disabled is not false): "
                    + "deliveries are not traced");
            return DeliveryTracing.OFF;
        }
        Instance<Object> tracer = tracer();
        if (tracer != null && tracer.isResolvable()) {
            Object found = tracer.get();
            if (OpenTelemetryDeliveryTracing.records(found)) {
                LOG.log(Level.INFO, "DH-0320 deliveries are traced with OpenTelemetry (span {0})",
                        DeliveryTracing.SPAN_NAME);
                return OpenTelemetryDeliveryTracing.create(found);
            }
            LOG.log(Level.INFO, "DH-0321 the server's OpenTelemetry tracer records no spans: deliveries are not "
                    + "traced");
            return DeliveryTracing.OFF;
        }
        LOG.log(Level.INFO, "DH-0321 the server offers no OpenTelemetry Tracer to the application: deliveries are "
                + "not traced");
        return DeliveryTracing.OFF;
    }

    /** Chooses the tracing when the application starts, so that its start-up line is there before any delivery. */
    void chooseAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        tracing();
    }

    @SuppressWarnings("unchecked")
    private Instance<Object> tracer() {
        try {
            Class<?> type = Class.forName(TRACER_TYPE, false, DeliveryTracingProducer.class.getClassLoader());
            return beans.select((Class<Object>) type, Default.Literal.INSTANCE);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
