package org.dialoghook.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.internal.auth.BodyDigest;
import org.dialoghook.internal.auth.TokenVerifier.VerifiedToken;
import org.dialoghook.internal.delivery.DefaultWebhookRequest;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;
import org.dialoghook.internal.http.ReplyWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole in-process path of one delivery to the echo handler, in the order the filter, the resource and
 * the dispatcher take it: verify the token, check the body hash, parse the body, check the claims, build the
 * request view, look the handler up, run it, write the reply. What the server itself does around it (HTTP,
 * JAX-RS, CDI) is what the load benchmark's ceiling measures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InProcessPathBenchmark {

    @Param({"auto", "claims"})
    String mode;

    private Fixtures fixtures;
    private final HandlerRegistry registry = new HandlerRegistry();
    private final ReplyWriter writer = new ReplyWriter();
    private final WebhookHandler echo = new EchoHandler();
    private int next;

    @Setup
    public void setUp() {
        fixtures = new Fixtures(mode);
        Fixtures.inject(registry, "byName", Map.of("echo", new RegisteredHandler("echo", null, null, false)));
        Fixtures.inject(writer, "json", fixtures.json);
    }

    /**
     * One delivery, from token and raw bytes to the reply's bytes.
     *
     * @return the reply body
     * @throws Exception never: every delivery is valid
     */
    @Benchmark
    public byte[] deliver() throws Exception {
        int i = next++ & (Fixtures.POOL - 1);
        String token = fixtures.tokens[i];
        byte[] raw = fixtures.bodies[i];
        VerifiedToken verified = fixtures.verifier.verify(token);
        fixtures.binding.checkHash(verified.claims(), BodyDigest.sha256(raw));
        DeliveryBody body = fixtures.bodyReader.read(raw);
        fixtures.binding.checkClaims(verified.claims(), body);
        WebhookRequest request = new DefaultWebhookRequest("default", verified.deliveryId(), body,
                fixtures.provider, fixtures.json.forms(), true);
        RegisteredHandler handler = registry.find(request.handlerName()).orElseThrow();
        ResponseBuilder response = new ResponseBuilder();
        echo.handle(request, response);
        return writer.toJson(response.build());
    }
}
