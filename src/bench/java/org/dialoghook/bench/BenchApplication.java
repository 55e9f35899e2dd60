package org.dialoghook.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.dialoghook.bench.ceiling.NoopResource;
import org.dialoghook.bench.floor.Jose4jFloorResource;

/**
 * Benchmark only: the JAX-RS application of the ceiling ({@code POST /noop}) and the floor ({@code POST /floor})
 * beside the receiver's own application at {@code /webhook}, as a team's application would sit. Never part of the
 * WAR users deploy.
 */
@ApplicationPath("/")
public class BenchApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(NoopResource.class, Jose4jFloorResource.class);
    }
}
