package org.dialoghook.bench.jmh;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.dialoghook.internal.auth.DeliveryIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Naming a delivery for the log: from a plain {@code jti} (every verified delivery), or by hashing the token. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeliveryIdBenchmark {

    private Fixtures fixtures;
    private final String[] jtis = new String[Fixtures.POOL];
    private int next;

    @Setup
    public void setUp() {
        fixtures = new Fixtures("auto");
        for (int i = 0; i < jtis.length; i++) {
            jtis[i] = UUID.randomUUID().toString();
        }
    }

    /** @return the id of a delivery whose token has a UUID {@code jti} */
    @Benchmark
    public String fromJti() {
        return DeliveryIds.fromJti(jtis[next++ & (Fixtures.POOL - 1)]);
    }

    /** @return the id made by hashing a whole token */
    @Benchmark
    public String fromToken() {
        return DeliveryIds.fromToken(fixtures.tokens[next++ & (Fixtures.POOL - 1)]);
    }
}
