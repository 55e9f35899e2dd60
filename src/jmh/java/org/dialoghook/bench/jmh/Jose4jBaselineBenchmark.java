package org.dialoghook.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Baseline of {@link TokenVerificationBenchmark}: jose4j alone verifying the same HS256 tokens, signature only,
 * no claim validated: the floor no receiver built on jose4j's {@code JwtConsumer} goes below.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Jose4jBaselineBenchmark {

    private Fixtures fixtures;
    private JwtConsumer consumer;
    private int next;

    @Setup
    public void setUp() {
        fixtures = new Fixtures("auto");
        consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(Fixtures.SECRET.getBytes(StandardCharsets.UTF_8)))
                .setSkipAllValidators()
                .build();
    }

    /**
     * Verifies a token's signature and parses its claims.
     *
     * @return the claims
     * @throws InvalidJwtException never
     */
    @Benchmark
    public JwtClaims verify() throws InvalidJwtException {
        return consumer.processToClaims(fixtures.tokens[next++ & (Fixtures.POOL - 1)]);
    }
}
