package org.dialoghook.internal.replay;

import java.time.Duration;
import java.util.Optional;

/**
 * Remembers which deliveries were accepted, and their replies, for the replay window. Keys are the log-safe
 * delivery ids (the token's {@code jti} or a hash of the token), never a token.
 */
public interface ReplayStore {

    /**
     * Claims a delivery for this server, or finds the reply of its earlier run.
     *
     * @param key the delivery's key
     * @param window how long the claim and the reply are kept
     * @param wait how long to wait for an earlier run of the same delivery that is still going
     * @return the earlier reply, or the claim: the caller must then run the delivery
     * @throws ReplayInProgressException when an earlier run is still going after {@code wait}
     */
    Claim claim(String key, Duration window, Duration wait);

    /**
     * Keeps the reply of a claimed delivery for its redeliveries.
     *
     * @param key the delivery's key
     * @param reply the reply it got
     * @param window how long to keep it
     * @return false when the store could not keep the reply (too large for it): a redelivery then runs again
     */
    boolean complete(String key, StoredReply reply, Duration window);

    /**
     * Gives up a claim without a reply, so that a redelivery runs again.
     *
     * @param key the delivery's key
     */
    void release(String key);

    /**
     * How many deliveries' records left the store before their replay window ended, since it started: a
     * redelivery of one of them runs its handler again.
     *
     * @return the count
     */
    long leftEarly();

    /**
     * What the store is, for the start-up log line.
     *
     * @return a short description
     */
    String describe();

    /**
     * What a claim found.
     *
     * @param earlierReply the reply of an earlier run, to send again; empty when the caller must run the delivery
     * @param seenBefore whether an earlier copy was accepted but its record had expired: the run is a repeat
     */
    record Claim(Optional<StoredReply> earlierReply, boolean seenBefore) {

        /** A fresh delivery, claimed. */
        public static final Claim FIRST = new Claim(Optional.empty(), false);

        /** A delivery seen before the replay window, claimed again. */
        public static final Claim REPEAT = new Claim(Optional.empty(), true);

        /**
         * An earlier reply.
         *
         * @param reply the reply
         * @return the claim result
         */
        public static Claim replay(StoredReply reply) {
            return new Claim(Optional.of(reply), true);
        }
    }
}
