package org.dialoghook.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health liveness of the receiver: UP while the application runs. A missing secret or handler is
 * a readiness matter ({@link ReceiverReadiness}); restarting the server would not fix it.
 */
@Liveness
@ApplicationScoped
public class ReceiverLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up(ReceiverReadiness.NAME);
    }
}
