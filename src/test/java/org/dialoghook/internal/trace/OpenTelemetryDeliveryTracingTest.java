package org.dialoghook.internal.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery span over a real OpenTelemetry SDK whose spans are exported to memory. */
class OpenTelemetryDeliveryTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Tracer tracer = provider.get("test");
    private final DeliveryTracing tracing = OpenTelemetryDeliveryTracing.create(tracer);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aDeliveryIsOneSpanUnderTheCurrentSpanWithItsAttributes() {
        Span request = tracer.spanBuilder("POST /webhook").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope scope = request.makeCurrent(); DeliveryTrace trace = tracing.open("sales", "d-1", "order")) {
            assertEquals(Span.current().getSpanContext().getTraceId(), request.getSpanContext().getTraceId());
            trace.outcome(DeliveryTrace.REPLIED, 200);
        }
        request.end();
        SpanData delivery = span(DeliveryTracing.SPAN_NAME);
        assertEquals(SpanKind.INTERNAL, delivery.getKind());
        assertEquals(request.getSpanContext().getSpanId(), delivery.getParentSpanId());
        assertEquals("sales", delivery.getAttributes().get(OpenTelemetryDeliveryTracing.BOT));
        assertEquals("d-1", delivery.getAttributes().get(OpenTelemetryDeliveryTracing.DELIVERY_ID));
        assertEquals("order", delivery.getAttributes().get(OpenTelemetryDeliveryTracing.HANDLER));
        assertEquals("replied", delivery.getAttributes().get(OpenTelemetryDeliveryTracing.OUTCOME));
        assertEquals(200L, delivery.getAttributes().get(OpenTelemetryDeliveryTracing.STATUS));
        assertNull(delivery.getAttributes().get(OpenTelemetryDeliveryTracing.PROBLEM_TYPE));
        assertEquals(StatusCode.UNSET, delivery.getStatus().getStatusCode());
        assertFalse(Span.current().getSpanContext().isValid(), "closing the trace ends its scope");
    }

    @Test
    void aProblemOfTheServerSideIsAnError() {
        try (DeliveryTrace trace = tracing.open("default", "d-2", "fail")) {
            trace.problem("urn:dialoghook:problem:handler-failed", 500);
        }
        SpanData delivery = span(DeliveryTracing.SPAN_NAME);
        assertEquals("problem", delivery.getAttributes().get(OpenTelemetryDeliveryTracing.OUTCOME));
        assertEquals("urn:dialoghook:problem:handler-failed",
                delivery.getAttributes().get(OpenTelemetryDeliveryTracing.PROBLEM_TYPE));
        assertEquals(500L, delivery.getAttributes().get(OpenTelemetryDeliveryTracing.STATUS));
        assertEquals(StatusCode.ERROR, delivery.getStatus().getStatusCode());
    }

    @Test
    void aRefusalIsAnEndedSpanWithItsProblemTypeAndNoError() {
        tracing.refused("default", "t-hash", null, "urn:dialoghook:problem:invalid-token", 401);
        SpanData refused = span(DeliveryTracing.SPAN_NAME);
        assertTrue(refused.hasEnded());
        assertEquals("refused", refused.getAttributes().get(OpenTelemetryDeliveryTracing.OUTCOME));
        assertEquals("urn:dialoghook:problem:invalid-token",
                refused.getAttributes().get(OpenTelemetryDeliveryTracing.PROBLEM_TYPE));
        assertEquals(401L, refused.getAttributes().get(OpenTelemetryDeliveryTracing.STATUS));
        assertEquals("t-hash", refused.getAttributes().get(OpenTelemetryDeliveryTracing.DELIVERY_ID));
        assertNull(refused.getAttributes().get(OpenTelemetryDeliveryTracing.HANDLER));
        assertEquals(StatusCode.UNSET, refused.getStatus().getStatusCode());
    }

    @Test
    void workHandedToAnotherThreadNestsUnderTheDeliverySpan() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try (DeliveryTrace trace = tracing.open("default", "d-3", "spanning")) {
                pool.execute(tracing.inCurrentContext(() -> {
                    tracer.spanBuilder("handler.work").startSpan().end();
                    done.complete(null);
                }));
                done.get(5, TimeUnit.SECONDS);
                trace.outcome(DeliveryTrace.REPLIED, 200);
            }
            // the pool thread is left without the delivery's context
            CompletableFuture<Boolean> leftover = new CompletableFuture<>();
            pool.execute(() -> leftover.complete(Span.current().getSpanContext().isValid()));
            assertFalse(leftover.get(5, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        SpanData delivery = span(DeliveryTracing.SPAN_NAME);
        SpanData work = span("handler.work");
        assertEquals(delivery.getSpanId(), work.getParentSpanId());
        assertEquals(delivery.getTraceId(), work.getTraceId());
    }

    @Test
    void aTracerThatRecordsIsToldFromANoOpOneWithoutExportingAnything() {
        assertTrue(OpenTelemetryDeliveryTracing.records(tracer));
        assertFalse(OpenTelemetryDeliveryTracing.records(OpenTelemetry.noop().getTracer("test")));
        assertEquals(List.of(), exported.getFinishedSpanItems(), "the probe span is never ended");
    }

    @Test
    void tracingOffRecordsNothingAndHandsTheWorkBackUnchanged() {
        Runnable work = () -> { };
        assertSame(work, DeliveryTracing.OFF.inCurrentContext(work));
        assertSame(DeliveryTrace.NONE, DeliveryTracing.OFF.open("default", "d-4", "echo"));
        assertFalse(DeliveryTracing.OFF.recording());
    }

    private SpanData span(String name) {
        List<SpanData> named = exported.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name))
                .toList();
        assertEquals(1, named.size(), () -> "spans named " + name + ": " + exported.getFinishedSpanItems());
        return named.get(0);
    }
}
