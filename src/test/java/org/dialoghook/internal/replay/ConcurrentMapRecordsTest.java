package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.dialoghook.internal.MovableClock;
import org.junit.jupiter.api.Test;

class ConcurrentMapRecordsTest {

    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    private final ConcurrentMapRecords records = new ConcurrentMapRecords(map, "java:global/test/replays",
            Duration.ofMinutes(10), true, () -> 7);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putIfAbsentStoresOnlyTheFirstRecord() {
        assertTrue(records.putIfAbsent("k", bytes("first")));
        assertFalse(records.putIfAbsent("k", bytes("second")));
        assertArrayEquals(bytes("first"), records.get("k"));
    }

    @Test
    void replaceComparesByContentNotByIdentity() {
        records.put("k", bytes("stored"));
        assertTrue(records.replace("k", bytes("stored"), bytes("new")),
                "another array with the same bytes, as a record carried between members is");
        assertArrayEquals(bytes("new"), records.get("k"));
    }

    @Test
    void replaceRefusesOtherBytesAndAMissingRecord() {
        records.put("k", bytes("stored"));
        assertFalse(records.replace("k", bytes("other"), bytes("new")));
        assertArrayEquals(bytes("stored"), records.get("k"));
        assertFalse(records.replace("gone", bytes("stored"), bytes("new")));
        assertNull(map.get("gone"), "replace never creates a record");
    }

    @Test
    void everyByteValueSurvivesTheWayThroughTheMap() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        records.put("k", all);
        assertArrayEquals(all, records.get("k"));
        assertEquals(256, map.get("k").length(), "one character a byte");
        assertTrue(records.replace("k", all.clone(), bytes("next")));
    }

    @Test
    void removeAndPutDoWhatTheMapDoes() {
        records.put("k", bytes("a"));
        records.put("k", bytes("b"));
        assertArrayEquals(bytes("b"), records.get("k"));
        records.remove("k");
        assertNull(records.get("k"));
    }

    @Test
    void expiryEvictionsAndDescriptionAreWhatTheServerSaid() {
        assertEquals(Duration.ofMinutes(10), records.expiry());
        assertEquals(7, records.evictions());
        assertTrue(records.describe().startsWith("shared map java:global/test/replays (ConcurrentHashMap)"),
                records.describe());
        String unknown = new ConcurrentMapRecords(map, "java:global/x", null, false, () -> 0).describe();
        assertTrue(unknown.contains("not known"), unknown);
    }

    @Test
    void theSharedStoreRecognisesARepeatThroughTheMap() {
        MovableClock clock = new MovableClock();
        SharedReplayStore store = new SharedReplayStore(records, clock);
        Duration window = Duration.ofSeconds(4);
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", window, Duration.ZERO));
        store.complete("k", new StoredReply(200, "application/json", bytes("{}")), window);
        assertTrue(store.claim("k", window, Duration.ZERO).earlierReply().isPresent());
        // the record is still in the map past its window; another instance of it, as another member reads it
        map.put("k", new String(map.get("k").toCharArray()));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(ReplayStore.Claim.REPEAT, store.claim("k", window, Duration.ZERO));
    }

    @Test
    void aServerModelOfAnotherNameIsNotKnown() {
        CacheManagementModel model = CacheManagementModel.of("java:global/not/infinispan");
        assertFalse(model.isKnown());
        assertTrue(model.lifespan().isEmpty());
        assertEquals(0, model.evictions());
    }
}
