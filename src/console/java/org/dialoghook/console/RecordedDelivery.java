package org.dialoghook.console;

import java.time.Instant;

/**
 * One request to the webhook as the console's history keeps it: what came in, what went out, and how long it
 * took. The {@code Authorization} header is kept for a replay and never shown.
 *
 * @param id its number in the history, from 1
 * @param at when it arrived
 * @param bot the bot of its path ({@code default} for {@code POST /webhook})
 * @param handler the handler its body names, or {@code null} when the body names none
 * @param status the reply's status
 * @param outcome {@code answered}, {@code redelivery}, or the problem type's last part (for example
 *        {@code invalid-token})
 * @param durationMicros how long the receiver took, in microseconds
 * @param path the request's path below the context root, for a replay
 * @param contentType the request's {@code Content-Type}, or {@code null}
 * @param authorization the request's {@code Authorization} header, or {@code null}; never shown
 * @param body the request body
 * @param replyType the reply's {@code Content-Type}, or {@code null}
 * @param reply the reply body
 */
public record RecordedDelivery(long id, Instant at, String bot, String handler, int status, String outcome,
        long durationMicros, String path, String contentType, String authorization, byte[] body, String replyType,
        byte[] reply) {

    /**
     * The same delivery under its number in the history.
     *
     * @param number its number
     * @return the numbered copy
     */
    RecordedDelivery withId(long number) {
        return new RecordedDelivery(number, at, bot, handler, status, outcome, durationMicros, path, contentType,
                authorization, body, replyType, reply);
    }

    /** Leaves the header and the bodies out, so that a record printed by mistake shows nothing secret. */
    @Override
    public String toString() {
        return "RecordedDelivery[" + id + ", " + bot + ", " + handler + ", " + status + "]";
    }
}
