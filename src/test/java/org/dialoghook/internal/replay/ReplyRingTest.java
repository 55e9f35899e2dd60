package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplyRingTest {

    private static final long NOW = 1_000_000L;
    private static final long LATER = NOW + 600_000L;

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StoredReply reply(String text) {
        return new StoredReply(200, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Object found) {
        return new String(assertInstanceOf(StoredReply.class, found).body(), StandardCharsets.UTF_8);
    }

    @Test
    void aKeptReplyIsFoundWithItsStatusMediaTypeAndBody() {
        ReplyRing ring = new ReplyRing(10, 4096, 2);
        StoredReply problem = new StoredReply(404, "application/problem+json", key("{\"status\":404}"));
        assertTrue(ring.put(key("k"), problem, LATER, NOW));
        StoredReply found = assertInstanceOf(StoredReply.class, ring.find(key("k"), NOW));
        assertEquals(404, found.status());
        assertEquals("application/problem+json", found.mediaType());
        assertArrayEquals(problem.body(), found.body());
        assertEquals(ReplyRing.Seen.NEVER, ring.find(key("other"), NOW));
    }

    @Test
    void anExpiredRecordIsSeenButNotAnswered() {
        ReplyRing ring = new ReplyRing(10, 4096, 2);
        ring.put(key("k"), reply("a"), LATER, NOW);
        assertEquals(ReplyRing.Seen.EXPIRED, ring.find(key("k"), LATER));
    }

    @Test
    void aNewerRecordOfTheSameKeyReplacesTheOlderOneAndOutlivesIt() {
        ReplyRing ring = new ReplyRing(4, 4096, 2);
        ring.put(key("k"), reply("first"), NOW + 1, NOW);
        ring.put(key("k"), reply("second"), LATER, NOW + 2);
        assertEquals("second", body(ring.find(key("k"), NOW + 2)));
        for (int i = 0; i < 3; i++) {
            ring.put(key("other" + i), reply("o"), LATER, NOW + 2);
        }
        assertEquals("second", body(ring.find(key("k"), NOW + 2)), "the older record left; the newer one is still found");
    }

    @Test
    void afterManyTurnsOfTheRingTheNewestRecordsAreFoundAndTheOlderOnesAreNot() {
        ReplyRing ring = new ReplyRing(50, 512, 4);
        for (int i = 0; i < 20_000; i++) {
            assertTrue(ring.put(key("delivery-" + i), reply("reply-" + i), LATER, NOW));
        }
        int found = 0;
        for (int i = 19_999; i >= 0 && ring.find(key("delivery-" + i), NOW) instanceof StoredReply kept; i--) {
            assertEquals("reply-" + i, new String(kept.body(), StandardCharsets.UTF_8));
            found++;
        }
        assertTrue(found > 20 && found <= 50, "the newest records that fit three of the four chunks: " + found);
        for (int i = 0; i < 19_999 - 50; i++) {
            assertEquals(ReplyRing.Seen.NEVER, ring.find(key("delivery-" + i), NOW), "delivery-" + i);
        }
    }

    @Test
    void theCapacityBoundsTheRecordsWhenTheBytesWouldHoldMore() {
        ReplyRing ring = new ReplyRing(5, 1 << 16, 4);
        for (int i = 0; i < 100; i++) {
            ring.put(key("k" + i), reply("r"), LATER, NOW);
        }
        for (int i = 95; i < 100; i++) {
            assertInstanceOf(StoredReply.class, ring.find(key("k" + i), NOW));
        }
        assertEquals(ReplyRing.Seen.NEVER, ring.find(key("k94"), NOW));
        assertEquals(95, ring.leftEarly(), "every record pushed out before its expiry is counted");
    }

    @Test
    void expiredRecordsLeaveWithoutBeingCountedAsLeavingEarly() {
        ReplyRing ring = new ReplyRing(5, 4096, 2);
        for (int i = 0; i < 5; i++) {
            ring.put(key("old" + i), reply("r"), NOW + 10, NOW);
        }
        for (int i = 0; i < 5; i++) {
            ring.put(key("new" + i), reply("r"), LATER, NOW + 20);
        }
        assertEquals(0, ring.leftEarly());
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(StoredReply.class, ring.find(key("new" + i), NOW + 20));
        }
    }

    @Test
    void aRecordLargerThanAChunkIsNotKeptAndTheOthersStay() {
        ReplyRing ring = new ReplyRing(10, 256, 4);
        ring.put(key("small"), reply("s"), LATER, NOW);
        assertFalse(ring.put(key("large"), new StoredReply(200, "application/json", new byte[256]), LATER, NOW));
        assertEquals(ReplyRing.Seen.NEVER, ring.find(key("large"), NOW));
        assertEquals("s", body(ring.find(key("small"), NOW)));
    }

    /** "Aa" and "BB" hash alike, so keys made of them all share one hash and one probe run of the index. */
    @Test
    void keysOfOneHashAreAllFoundAndLeaveCleanly() {
        List<String> alike = new ArrayList<>();
        for (int bits = 0; bits < 256; bits++) {
            StringBuilder text = new StringBuilder();
            for (int bit = 0; bit < 8; bit++) {
                text.append((bits >> bit & 1) == 0 ? "Aa" : "BB");
            }
            alike.add(text.toString());
        }
        assertEquals(1, alike.stream().map(k -> java.util.Arrays.hashCode(key(k))).distinct().count());
        ReplyRing ring = new ReplyRing(32, 4096, 4);
        for (int round = 0; round < 3; round++) {
            for (String k : alike) {
                ring.put(key(k), reply(k), LATER, NOW);
            }
        }
        for (int i = 0; i < alike.size(); i++) {
            Object found = ring.find(key(alike.get(i)), NOW);
            if (i >= alike.size() - 32) {
                assertEquals(alike.get(i), body(found));
            } else {
                assertEquals(ReplyRing.Seen.NEVER, found, alike.get(i));
            }
        }
    }

    /** Random puts of a few hundred keys, some repeated: a key is only ever answered with its own latest reply. */
    @Test
    void aKeyIsNeverAnsweredWithAnotherKeysReply() {
        Random random = new Random(42);
        ReplyRing ring = new ReplyRing(64, 700, 3);
        Map<String, String> latest = new HashMap<>();
        List<String> lastPuts = new ArrayList<>();
        for (int step = 0; step < 50_000; step++) {
            String k = "key" + random.nextInt(300);
            if (random.nextInt(3) == 0) {
                String value = k + "@" + step + "x".repeat(random.nextInt(120));
                assertTrue(ring.put(key(k), reply(value), LATER, NOW));
                latest.put(k, value);
                lastPuts.add(k);
            } else if (ring.find(key(k), NOW) instanceof StoredReply found) {
                assertEquals(latest.get(k), new String(found.body(), StandardCharsets.UTF_8), k);
            }
        }
        String newest = lastPuts.get(lastPuts.size() - 1);
        assertEquals(latest.get(newest), body(ring.find(key(newest), NOW)), "the newest record is always found");
    }
}
