package org.dialoghook.internal.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Deliveries as spans of the application's OpenTelemetry {@code Tracer}: one span named
 * {@value DeliveryTracing#SPAN_NAME} per delivery, a child of the span current when it opens (the server's span of
 * the HTTP request, where the server makes one), with the bot, handler, delivery id, outcome, problem type and HTTP
 * status as attributes. Loaded only on servers whose application sees the OpenTelemetry API; not a bean, so
 * servers without the API never load it.
 */
final class OpenTelemetryDeliveryTracing implements DeliveryTracing {

    static final AttributeKey<String> BOT = AttributeKey.stringKey("dialoghook.bot");
    static final AttributeKey<String> HANDLER = AttributeKey.stringKey("dialoghook.handler");
    static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("dialoghook.delivery.id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("dialoghook.outcome");
    static final AttributeKey<String> PROBLEM_TYPE = AttributeKey.stringKey("dialoghook.problem.type");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private final Tracer tracer;

    private OpenTelemetryDeliveryTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * The tracing over a tracer.
     *
     * @param tracer the application's {@code Tracer}, typed as {@code Object} so that callers need not load the
     *        OpenTelemetry API
     * @return the tracing
     */
    static DeliveryTracing create(Object tracer) {
        return new OpenTelemetryDeliveryTracing((Tracer) tracer);
    }

    /**
     * Whether the tracer records spans: a no-op tracer (the server's telemetry is off) gives spans without a valid
     * context. The probe span is never ended, so it is never exported.
     *
     * @param tracer the application's {@code Tracer}
     * @return whether spans of this tracer are recorded
     */
    static boolean records(Object tracer) {
        Span probe = ((Tracer) tracer).spanBuilder(SPAN_NAME).setParent(Context.root()).startSpan();
        return probe.getSpanContext().isValid();
    }

    @Override
    public DeliveryTrace open(String bot, String deliveryId, String handler) {
        Span span = span(bot, deliveryId, handler).startSpan();
        return new Trace(span, span.makeCurrent());
    }

    @Override
    public void refused(String bot, String deliveryId, String handler, String problemType, int status) {
        Span span = span(bot, deliveryId, handler).startSpan();
        problem(span, problemType, status, DeliveryTrace.REFUSED);
        span.end();
    }

    @Override
    public Runnable inCurrentContext(Runnable work) {
        return Context.current().wrap(work);
    }

    @Override
    public boolean recording() {
        return true;
    }

    private SpanBuilder span(String bot, String deliveryId, String handler) {
        SpanBuilder span = tracer.spanBuilder(SPAN_NAME).setSpanKind(SpanKind.INTERNAL).setAttribute(BOT, bot);
        if (deliveryId != null) {
            span.setAttribute(DELIVERY_ID, deliveryId);
        }
        if (handler != null) {
            span.setAttribute(HANDLER, handler);
        }
        return span;
    }

    private static void problem(Span span, String problemType, int status, String outcome) {
        span.setAttribute(OUTCOME, outcome);
        span.setAttribute(PROBLEM_TYPE, problemType);
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR, problemType);
        }
    }

    /** The open span of one delivery and the scope in which it is current. */
    private static final class Trace implements DeliveryTrace {

        private final Span span;
        private final Scope scope;

        Trace(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        @Override
        public void outcome(String outcome, int status) {
            span.setAttribute(OUTCOME, outcome);
            span.setAttribute(STATUS, (long) status);
        }

        @Override
        public void problem(String problemType, int status) {
            OpenTelemetryDeliveryTracing.problem(span, problemType, status, PROBLEM);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
