package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.dialoghook.internal.LogCapture;
import org.dialoghook.internal.MovableClock;
import org.junit.jupiter.api.Test;

class SharedReplayStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final StoredReply REPLY = new StoredReply(200, "application/json",
            "{\"blocks\":[]}".getBytes(StandardCharsets.UTF_8));

    private final MovableClock clock = new MovableClock();
    private final GridRecords grid = new GridRecords(WINDOW);
    private final SharedReplayStore store = new SharedReplayStore(grid, clock);

    @Test
    void aNewDeliveryCostsOneCallToClaimAndOneToKeepItsReply() {
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
        assertTrue(store.complete("k", REPLY, WINDOW));
        assertEquals(2, grid.calls.get());
    }

    @Test
    void aRedeliveryGetsTheStoredReply() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        ReplayStore.Claim again = store.claim("k", WINDOW, Duration.ZERO);
        assertArrayEquals(REPLY.body(), again.earlierReply().orElseThrow().body());
        assertEquals(200, again.earlierReply().orElseThrow().status());
        assertTrue(again.seenBefore());
    }

    @Test
    void aCopyWhileTheFirstRunIsGoingIsRefusedAfterItsWait() {
        store.claim("k", WINDOW, Duration.ZERO);
        assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aReleasedClaimIsClaimedAgainAsNew() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.release("k");
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aRecordPastItsWindowStillInTheGridIsARepeat() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        clock.advance(WINDOW.plusSeconds(1));
        assertEquals(ReplayStore.Claim.REPEAT, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aGridThatNeverReplacesAnExpiredRecordEndsTheClaimAtItsDeadline() {
        store.claim("k", WINDOW, Duration.ZERO);
        clock.advance(WINDOW.plusSeconds(1));
        grid.refuseReplace = true;
        assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aWindowLongerThanTheGridKeepsRecordsIsCountedAndWarnedOnce() {
        Duration longer = WINDOW.multipliedBy(3);
        try (LogCapture log = LogCapture.of(SharedReplayStore.class)) {
            store.claim("a", longer, Duration.ZERO);
            store.claim("b", longer, Duration.ZERO);
            store.claim("c", WINDOW, Duration.ZERO);
            assertEquals(2, store.leftEarly());
            List<LogRecord> warnings = log.records().stream().filter(r -> r.getMessage().startsWith("DH-0605")).toList();
            assertEquals(1, warnings.size());
        }
    }

    @Test
    void evictionsTheGridReportsAreCountedAndWarnedOnce() {
        try (LogCapture log = LogCapture.of(SharedReplayStore.class)) {
            grid.evicted = 12345;
            store.claim("a", WINDOW, Duration.ZERO);
            assertEquals(0, store.leftEarly(), "looked at only every few seconds");
            clock.advance(Duration.ofMillis(SharedReplayStore.EVICTION_CHECK_MILLIS));
            store.claim("b", WINDOW, Duration.ZERO);
            assertEquals(12345, store.leftEarly());
            grid.evicted = 12350;
            clock.advance(Duration.ofMillis(SharedReplayStore.EVICTION_CHECK_MILLIS));
            store.claim("c", WINDOW, Duration.ZERO);
            assertEquals(12350, store.leftEarly());
            List<LogRecord> warnings = log.records().stream().filter(r -> r.getMessage().startsWith("DH-0606")).toList();
            assertEquals(1, warnings.size());
            assertTrue(new SimpleFormatter().formatMessage(warnings.get(0)).startsWith("DH-0606 the data grid evicted 12345 "),
                    "the count as plain digits, for log searches");
        }
    }

    @Test
    void recordsAreTheExpiryThenTheReplyAsBytes() {
        store.claim("k", WINDOW, Duration.ZERO);
        byte[] claimed = grid.map.get("k");
        assertEquals(Long.BYTES, claimed.length);
        assertEquals(clock.millis() + WINDOW.toMillis(), ByteBuffer.wrap(claimed).getLong());
        store.complete("k", REPLY, WINDOW);
        byte[] kept = grid.map.get("k");
        assertArrayEquals(REPLY.toBytes(), Arrays.copyOfRange(kept, Long.BYTES, kept.length));
        assertFalse(store.describe().isBlank());
    }

    /** A grid of one member: a map whose replace compares values by content, as a grid's does. */
    private static final class GridRecords implements SharedRecords {

        final Map<String, byte[]> map = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final Duration expiry;
        volatile long evicted;
        volatile boolean refuseReplace;

        GridRecords(Duration expiry) {
            this.expiry = expiry;
        }

        @Override
        public boolean putIfAbsent(String key, byte[] record) {
            calls.incrementAndGet();
            return map.putIfAbsent(key, record) == null;
        }

        @Override
        public byte[] get(String key) {
            calls.incrementAndGet();
            return map.get(key);
        }

        @Override
        public synchronized boolean replace(String key, byte[] expected, byte[] record) {
            calls.incrementAndGet();
            if (refuseReplace) {
                return false;
            }
            byte[] current = map.get(key);
            if (current == null || !Arrays.equals(current, expected)) {
                return false;
            }
            map.put(key, record);
            return true;
        }

        @Override
        public void put(String key, byte[] record) {
            calls.incrementAndGet();
            map.put(key, record);
        }

        @Override
        public void remove(String key) {
            calls.incrementAndGet();
            map.remove(key);
        }

        @Override
        public Duration expiry() {
            return expiry;
        }

        @Override
        public long evictions() {
            return evicted;
        }

        @Override
        public String describe() {
            return "a map in this test";
        }
    }
}
