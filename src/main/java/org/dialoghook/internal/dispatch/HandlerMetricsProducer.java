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

/**
 * Chooses the handler metrics once at start: MicroProfile Metrics when the server offers its API and a registry
 * bean to the application (Payara), else none (for example WildFly's default configuration). No server's own
 * classes are used; the choice is made by looking the API up by name.
 */
@ApplicationScoped
public class HandlerMetricsProducer {

    static final String REGISTRY_TYPE = "org.eclipse.microprofile.metrics.MetricRegistry";

    private static final Logger LOG = Logger.getLogger(HandlerMetricsProducer.class.getName());

    @Inject
    @Any
    Instance<Object> beans;

    @Inject
    HandlerRegistry registry;

    @Produces
    @ApplicationScoped
    HandlerMetrics metrics() {
        Instance<Object> metricRegistry = metricRegistry();
        if (metricRegistry != null && metricRegistry.isResolvable()) {
            LOG.log(Level.INFO, "DH-0310 handler metrics go to MicroProfile Metrics (dialoghook.handler.*)");
            return MicroProfileHandlerMetrics.create(metricRegistry.get(), registry.names());
        }
        LOG.log(Level.INFO, "DH-0311 the server offers no MicroProfile Metrics to the application: handler metrics "
                + "are not recorded");
        return new NoHandlerMetrics();
    }

    /** Chooses the metrics when the application starts, so that every handler's metrics show from then on. */
    void chooseAtStart(@Observes @Initialized(ApplicationScoped.class) Object started, HandlerMetrics metrics) {
        metrics.toString();
    }

    @SuppressWarnings("unchecked")
    private Instance<Object> metricRegistry() {
        try {
            Class<?> type = Class.forName(REGISTRY_TYPE, false, HandlerMetricsProducer.class.getClassLoader());
            return beans.select((Class<Object>) type, Default.Literal.INSTANCE);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
