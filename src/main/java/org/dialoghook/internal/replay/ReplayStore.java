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
     * @return empty when the caller has the claim and must run the delivery; else the earlier reply
     * @throws ReplayInProgressException when an earlier run is still going after {@code wait}
     */
    Optional<StoredReply> claim(String key, Duration window, Duration wait);

    /**
     * Keeps the reply of a claimed delivery for its redeliveries.
     *
     * @param key the delivery's key
     * @param reply the reply it got
     * @param window how long to keep it
     */
    void complete(String key, StoredReply reply, Duration window);

    /**
     * Gives up a claim without a reply, so that a redelivery runs again.
     *
     * @param key the delivery's key
     */
    void release(String key);

    /**
     * What the store is, for the start-up log line.
     *
     * @return a short description
     */
    String describe();
}
