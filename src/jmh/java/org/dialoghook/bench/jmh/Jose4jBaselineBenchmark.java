package org.dialoghook.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Baselines of {@link TokenVerificationBenchmark}: jose4j alone verifying the same HS256 tokens, no claim
 * validated. {@code signature} makes the jose4j calls the receiver makes (a {@code JsonWebSignature}: the floor
 * no receiver built on jose4j goes below); {@code consumer} is jose4j's {@code JwtConsumer}, which also parses
 * the claims into a map of its own, for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Jose4jBaselineBenchmark {

    private static final AlgorithmConstraints HS256 =
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256");

    private Fixtures fixtures;
    private HmacKey key;
    private JwtConsumer consumer;
    private int next;

    @Setup
    public void setUp() {
        fixtures = new Fixtures("auto");
        key = new HmacKey(Fixtures.SECRET.getBytes(StandardCharsets.UTF_8));
        consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(HS256)
                .setSkipAllValidators()
                .build();
    }

    /**
     * Verifies a token's signature and gives its payload.
     *
     * @return the payload bytes
     * @throws JoseException never
     */
    @Benchmark
    public byte[] signature() throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(HS256);
        jws.setKey(key);
        jws.setCompactSerialization(fixtures.tokens[next++ & (Fixtures.POOL - 1)]);
        if (!jws.verifySignature()) {
            throw new IllegalStateException("every token is valid");
        }
        return jws.getPayloadBytes();
    }

    /**
     * Verifies a token's signature and parses its claims with jose4j's consumer.
     *
     * @return the claims
     * @throws InvalidJwtException never
     */
    @Benchmark
    public JwtClaims consumer() throws InvalidJwtException {
        return consumer.processToClaims(fixtures.tokens[next++ & (Fixtures.POOL - 1)]);
    }
}
