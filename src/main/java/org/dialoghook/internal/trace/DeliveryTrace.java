package org.dialoghook.internal.trace;

/**
 * The open span of one verified delivery: what came of it is set once, then it is closed on the thread that
 * opened it, which ends the span and makes the previous span current again.
 */
public interface DeliveryTrace extends AutoCloseable {

    /** The delivery's handler replied (its own reply, the invalid-form reply or the error handler's). */
    String REPLIED = "replied";
    /** A redelivery, answered with the reply of its first run. */
    String REDELIVERY = "redelivery";
    /** Refused before any handler ran: token, body, bot or settings. */
    String REFUSED = "refused";
    /** Answered with a problem after it was verified: no such handler, failure, timeout, in progress. */
    String PROBLEM = "problem";

    /** The trace of a delivery while tracing is off: records nothing. */
    DeliveryTrace NONE = new DeliveryTrace() {

        @Override
        public void outcome(String outcome, int status) {
            // tracing is off
        }

        @Override
        public void problem(String problemType, int status) {
            // tracing is off
        }

        @Override
        public void close() {
            // tracing is off
        }
    };

    /**
     * What came of the delivery, when no problem was sent.
     *
     * @param outcome {@link #REPLIED} or {@link #REDELIVERY}
     * @param status the HTTP status of the reply
     */
    void outcome(String outcome, int status);

    /**
     * The delivery was answered with a problem.
     *
     * @param problemType the problem's type URI
     * @param status the HTTP status of the reply
     */
    void problem(String problemType, int status);

    /** Ends the span. */
    @Override
    void close();
}
