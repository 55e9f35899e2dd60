package org.dialoghook.internal.trace;

/**
 * Records each delivery as a span when the server's OpenTelemetry tracing is on, and does nothing otherwise. Its
 * methods take and return no OpenTelemetry type, so the request path calls them on servers without the API too;
 * {@link DeliveryTracingProducer} chooses the implementation once at start. Values passed in must already be safe
 * to record: no token, no part of one, no secret.
 */
public interface DeliveryTracing {

    /** The span's name. */
    String SPAN_NAME = "dialoghook.delivery";

    /** The tracing of a server without OpenTelemetry, or with its tracing off. */
    DeliveryTracing OFF = new NoDeliveryTracing();

    /**
     * Opens the span of a verified delivery and makes it the current one on this thread until it is closed.
     *
     * @param bot the bot's name
     * @param deliveryId the log-safe delivery id
     * @param handler the handler name the delivery asked for, safe for a log line
     * @return the open span; a shared one that records nothing when tracing is off
     */
    DeliveryTrace open(String bot, String deliveryId, String handler);

    /**
     * Records a delivery refused before any handler ran, as a span that starts and ends now.
     *
     * @param bot the bot's name, safe for a log line
     * @param deliveryId the log-safe delivery id (a one-way hash for a refused token), or {@code null}
     * @param handler the handler name, safe for a log line, or {@code null}
     * @param problemType the problem's type URI
     * @param status the HTTP status of the reply
     */
    void refused(String bot, String deliveryId, String handler, String problemType, int status);

    /**
     * The work, set to run in the context that is current now (so that spans it opens on another thread nest under
     * the current span).
     *
     * @param work what a pool thread runs
     * @return the work itself when tracing is off
     */
    Runnable inCurrentContext(Runnable work);

    /**
     * Whether spans are recorded.
     *
     * @return {@code false} on a server without tracing, or with tracing off
     */
    boolean recording();
}
