package org.dialoghook.bench.jmh;

import jakarta.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.dialoghook.internal.auth.BodyDigest;
import org.dialoghook.internal.auth.InvalidTokenException;
import org.dialoghook.internal.auth.TokenVerifier.VerifiedToken;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Token verification for each body-binding mode: the signature and time claims, then every check of the
 * body against the claims, as the filter makes them. {@link Jose4jBaselineBenchmark} is the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenVerificationBenchmark {

    @Param({"auto", "hash", "claims", "signature-only"})
    String mode;

    private Fixtures fixtures;
    private DeliveryBody[] parsed;
    private int next;

    @Setup
    public void setUp() throws MalformedDeliveryException {
        fixtures = new Fixtures(mode);
        parsed = new DeliveryBody[Fixtures.POOL];
        for (int i = 0; i < Fixtures.POOL; i++) {
            parsed[i] = fixtures.bodyReader.read(fixtures.bodies[i]);
        }
    }

    /**
     * Verifies a token and checks the body against it (the body parsed beforehand, as the binding benchmark
     * measures parsing).
     *
     * @return the claims
     * @throws InvalidTokenException never: every token is valid
     */
    @Benchmark
    public JsonObject verify() throws InvalidTokenException {
        int i = next++ & (Fixtures.POOL - 1);
        VerifiedToken verified = fixtures.verifier.verify(fixtures.tokens[i]);
        fixtures.binding.checkHash(verified.claims(), BodyDigest.sha256(fixtures.bodies[i]));
        fixtures.binding.checkClaims(verified.claims(), parsed[i]);
        return verified.claims();
    }
}
