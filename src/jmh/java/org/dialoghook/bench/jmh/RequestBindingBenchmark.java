package org.dialoghook.bench.jmh;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.delivery.DefaultWebhookRequest;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Binding a delivery's raw bytes into the request view a handler gets: one parse, the handler field, the
 * form values. The baseline is JSON-P parsing the same bytes into a {@code JsonObject} and nothing else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestBindingBenchmark {

    private Fixtures fixtures;
    private int next;

    @Setup
    public void setUp() {
        fixtures = new Fixtures("auto");
    }

    /**
     * Parses and checks a body and wraps it for the handler.
     *
     * @return the request view
     * @throws MalformedDeliveryException never
     */
    @Benchmark
    public WebhookRequest bind() throws MalformedDeliveryException {
        byte[] raw = fixtures.bodies[next++ & (Fixtures.POOL - 1)];
        return new DefaultWebhookRequest("default", "delivery", fixtures.bodyReader.read(raw), fixtures.provider,
                fixtures.json.forms(), true);
    }

    /**
     * Baseline: JSON-P alone.
     *
     * @return the parsed body
     */
    @Benchmark
    public JsonObject parseAlone() {
        byte[] raw = fixtures.bodies[next++ & (Fixtures.POOL - 1)];
        try (var reader = fixtures.provider.createReader(new ByteArrayInputStream(raw))) {
            return reader.readObject();
        }
    }
}
