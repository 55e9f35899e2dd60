package org.dialoghook.it;

import static org.dialoghook.it.telemetry.OtlpReceiver.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.it.telemetry.OtlpReceiver;
import org.dialoghook.it.telemetry.SpanningHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * With the server's OpenTelemetry tracing turned on for the deployment (MicroProfile Telemetry, through the
 * deployment's own MicroProfile Config), each delivery arrives at an OTLP receiver in the test JVM as a span with
 * its attributes, a handler's own span and its outgoing call nest under it, and a refused token is recorded by its
 * problem type alone.
 * The other tests' deployments leave telemetry off.
 */
class TracingIT extends WebhookIT {

    /** The collector the server exports to: on loopback, in this JVM. */
    static final OtlpReceiver OTLP = OtlpReceiver.start();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Deployment
    static WebArchive deployment() {
        return receiver("tracing", TelemetrySettings.on(OTLP, Map.of("dialoghook.secret", SECRET,
                "spanning.call-url", OTLP.callUrl())),
                EchoHandler.class, FailingHandler.class, SpanningHandler.class);
    }

    @AfterAll
    static void reportAndStop() {
        System.out.println("spans received:" + OTLP.describeSpans());
        OTLP.close();
    }

    @Test
    void aDeliveryIsASpanWithItsBotHandlerIdOutcomeAndStatus() {
        String id = "trace-echo-" + UUID.randomUUID();
        assertEquals(200, deliver(signer().handler("echo").jti(id).formValue("a", "1").sign()).statusCode());
        Span delivery = OTLP.awaitSpan("for delivery " + id, span -> id.equals(attribute(span, "dialoghook.delivery.id")),
                WAIT);
        assertEquals("dialoghook.delivery", delivery.getName());
        assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, delivery.getKind());
        assertEquals("default", attribute(delivery, "dialoghook.bot"));
        assertEquals("echo", attribute(delivery, "dialoghook.handler"));
        assertEquals("replied", attribute(delivery, "dialoghook.outcome"));
        assertEquals("200", attribute(delivery, "http.response.status_code"));
        assertEquals(null, attribute(delivery, "dialoghook.problem.type"));
        // a child of the server's span of the HTTP request
        Span request = OTLP.awaitSpan("of the HTTP request of delivery " + id,
                span -> span.getSpanId().equals(delivery.getParentSpanId()), WAIT);
        assertEquals(Span.SpanKind.SPAN_KIND_SERVER, request.getKind(), OTLP::describeSpans);
        assertEquals(delivery.getTraceId(), request.getTraceId());
    }

    @Test
    void aFailedHandlerIsAnErrorSpanWithItsProblemType() {
        String id = "trace-fail-" + UUID.randomUUID();
        assertEquals(500, deliver(signer().handler("fail").jti(id).sign()).statusCode());
        Span delivery = OTLP.awaitSpan("for delivery " + id, span -> id.equals(attribute(span, "dialoghook.delivery.id")),
                WAIT);
        assertEquals("problem", attribute(delivery, "dialoghook.outcome"));
        assertEquals("urn:dialoghook:problem:handler-failed", attribute(delivery, "dialoghook.problem.type"));
        assertEquals("500", attribute(delivery, "http.response.status_code"));
        assertEquals(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR,
                delivery.getStatus().getCode());
        assertFalse(OTLP.anyExportContains(FailingHandler.INTERNAL_MESSAGE), "the handler's exception message");
    }

    @Test
    void theHandlersOwnSpanAndItsOutgoingCallNestUnderTheDeliverySpan() {
        String id = "trace-spanning-" + UUID.randomUUID();
        HttpResponse<String> response = deliver(signer().handler("spanning").jti(id).formValue("a", "1").sign());
        assertEquals(200, response.statusCode(), response::body);
        Span delivery = OTLP.awaitSpan("for delivery " + id, span -> id.equals(attribute(span, "dialoghook.delivery.id")),
                WAIT);
        Span work = OTLP.awaitSpan(SpanningHandler.SPAN + " under delivery " + id,
                span -> span.getName().equals(SpanningHandler.SPAN) && span.getTraceId().equals(delivery.getTraceId()),
                WAIT);
        assertEquals(delivery.getSpanId(), work.getParentSpanId(), OTLP::describeSpans);
        assertEquals("1", attribute(work, "spanning.form-values"));
        // the handler's outgoing call: a client span under the handler's span, its trace carried in the request
        Span call = OTLP.awaitSpan("of the handler's outgoing call in delivery " + id,
                span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT && span.getTraceId().equals(delivery.getTraceId()),
                WAIT);
        assertEquals(work.getSpanId(), call.getParentSpanId(), OTLP::describeSpans);
        String traceId = HexFormat.of().formatHex(delivery.getTraceId().toByteArray());
        assertTrue(OTLP.callTraceparents().stream().anyMatch(header -> header.contains(traceId)),
                () -> "traceparent headers of the calls: " + OTLP.callTraceparents());
    }

    @Test
    void aRefusedTokenIsRecordedWithItsProblemTypeAndNoPartOfTheToken() {
        SignedDelivery forged = DeliverySigner.withSecret("not-the-secret-of-this-bot-3f9a1c").handler("echo")
                .jti("forged-" + UUID.randomUUID()).sign();
        HttpResponse<String> response = deliver(forged);
        assertProblem(response, 401, "invalid-token");
        Span refused = OTLP.awaitSpan("for the refused token", span -> "refused".equals(attribute(span,
                "dialoghook.outcome")) && "urn:dialoghook:problem:invalid-token".equals(attribute(span,
                "dialoghook.problem.type")), WAIT);
        assertEquals("dialoghook.delivery", refused.getName());
        assertEquals("default", attribute(refused, "dialoghook.bot"));
        assertEquals("401", attribute(refused, "http.response.status_code"));
        // named by a one-way hash of the token, as in the log
        assertNotEquals(null, attribute(refused, "dialoghook.delivery.id"));
        for (String part : forged.token().split("\\.")) {
            assertFalse(OTLP.anyExportContains(part), "a part of the refused token was exported");
        }
        assertFalse(OTLP.anyExportContains(SECRET), "the secret was exported");
    }
}
