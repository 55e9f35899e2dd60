package org.dialoghook.bench.jmh;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Finding the handler a delivery names among 32 registered ones. Outside a container the registry holds its
 * map as built at start; what the server adds per request (CDI's handle on the bean) shows in the load
 * benchmark's profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryLookupBenchmark {

    private final HandlerRegistry registry = new HandlerRegistry();
    private final String[] names = new String[32];
    private int next;

    @Setup
    public void setUp() {
        Map<String, RegisteredHandler> byName = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = i == 0 ? "echo" : "handler-" + i;
            byName.put(names[i], new RegisteredHandler(names[i], null, null, false));
        }
        Fixtures.inject(registry, "byName", Map.copyOf(byName));
        for (int i = 0; i < names.length; i++) {
            names[i] = new String(names[i]);   // a name as it arrives: equal, not the same instance
        }
    }

    /**
     * Looks a name up.
     *
     * @return the handler
     */
    @Benchmark
    public Optional<RegisteredHandler> find() {
        return registry.find(names[next++ & (names.length - 1)]);
    }
}
