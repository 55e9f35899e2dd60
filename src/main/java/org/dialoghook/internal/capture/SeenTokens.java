package org.dialoghook.internal.capture;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dialoghook.internal.auth.BodyDigest;

/**
 * For capture mode: the tokens of the last captured deliveries, each with the digest of its body, so that the
 * report can say when two deliveries share a token, and whether with the same body (a redelivery) or another (a
 * token the platform reuses, which the receiver tells apart by the body). Keys are delivery ids, never tokens.
 * Bounded; thread-safe.
 */
final class SeenTokens {

    private final Map<String, byte[]> digests;

    SeenTokens(int capacity) {
        this.digests = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Notes a captured delivery's token and body.
     *
     * @param tokenKey the bot and the delivery id of its token
     * @param raw the body, or {@code null} when it was too large to read
     * @return what the report says about the token
     */
    synchronized String note(String tokenKey, byte[] raw) {
        byte[] digest = raw == null ? new byte[0] : BodyDigest.sha256(raw);
        byte[] earlier = digests.put(tokenKey, digest);
        if (earlier == null) {
            return "no";
        }
        return Arrays.equals(earlier, digest)
                ? "yes, with the same body: a redelivery, answered with the first reply within the replay window"
                : "yes, with another body: the token is reused, and each body is a delivery of its own";
    }
}
