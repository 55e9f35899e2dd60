package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.LogRecord;
import org.dialoghook.internal.LogCapture;
import org.dialoghook.internal.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedReplayStore}'s claim protocol over {@link BatchingRecords}, on a one-member grid whose batched calls
 * answer at once unless the test holds them.
 */
class BatchingRecordsTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final StoredReply REPLY = new StoredReply(200, "application/json",
            "{\"blocks\":[]}".getBytes(StandardCharsets.UTF_8));
    private static final Executor DIRECT = Runnable::run;

    private final MovableClock clock = new MovableClock();
    private final OneMemberGrid grid = new OneMemberGrid();

    @Test
    void aNewDeliveryIsClaimedAndItsReplyKeptThroughTheBatches() {
        try (BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ofMinutes(1))) {
            SharedReplayStore store = new SharedReplayStore(records, clock);
            assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
            assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ZERO),
                    "a copy while the first run is going");
            assertTrue(store.complete("k", REPLY, WINDOW));
            ReplayStore.Claim again = store.claim("k", WINDOW, Duration.ZERO);
            assertArrayEquals(REPLY.body(), again.earlierReply().orElseThrow().body());
            assertEquals(0, grid.singleWrites, "claims and replies went through the batches");
            assertEquals(3, records.claimBatches().calls());
            assertEquals(1, records.replyBatches().calls());
        }
    }

    @Test
    void aReplyIsNotWaitedForAndACopyMeanwhileWaitsAsForARunStillGoing() {
        try (BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ofMinutes(1))) {
            SharedReplayStore store = new SharedReplayStore(records, clock);
            store.claim("k", WINDOW, Duration.ZERO);
            grid.holdPuts = true;
            assertTrue(store.complete("k", REPLY, WINDOW), "returns with the reply still on its way");
            assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ZERO));
            grid.releasePuts();
            assertTrue(store.claim("k", WINDOW, Duration.ZERO).earlierReply().isPresent());
        }
    }

    @Test
    void aReleasedClaimAndAnExpiredRecordFollowTheSingleCallProtocol() {
        try (BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ofMinutes(1))) {
            SharedReplayStore store = new SharedReplayStore(records, clock);
            store.claim("k", WINDOW, Duration.ZERO);
            store.release("k");
            assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
            store.complete("k", REPLY, WINDOW);
            clock.advance(WINDOW.plusSeconds(1));
            assertEquals(ReplayStore.Claim.REPEAT, store.claim("k", WINDOW, Duration.ZERO));
        }
    }

    @Test
    void aClaimWhoseBatchFailsThrowsWhatTheGridThrew() {
        try (BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ofMinutes(1))) {
            SharedReplayStore store = new SharedReplayStore(records, clock);
            grid.failure = new IllegalStateException("Hazelcast instance is not active");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> store.claim("k", WINDOW, Duration.ZERO));
            assertSame(grid.failure, thrown);
            assertNull(grid.map.get("k"), "nothing stored");
        }
    }

    @Test
    void aClaimNotAnsweredInTimeFailsAndIsUndoneIfTheGridStoresItLate() {
        try (BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ZERO)) {
            grid.holdClaims = true;
            assertThrows(ReplayStoreFailedException.class, () -> records.putIfAbsent("k", new byte[8]));
            grid.releaseClaims();
            assertNull(grid.map.get("k"), "the late claim was removed, so a redelivery runs");
        }
    }

    @Test
    void aReplyWhoseBatchFailsIsCountedAndWarnedAboutAndItsRecordStaysAClaim() {
        try (LogCapture log = LogCapture.of(BatchingRecords.class);
                BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ofMinutes(1))) {
            SharedReplayStore store = new SharedReplayStore(records, clock);
            store.claim("a", WINDOW, Duration.ZERO);
            store.claim("b", WINDOW, Duration.ZERO);
            grid.failure = new IllegalStateException("grid down");
            store.complete("a", REPLY, WINDOW);
            store.complete("b", REPLY, WINDOW);
            grid.failure = null;
            assertEquals(2, records.repliesLost());
            assertThrows(ReplayInProgressException.class, () -> store.claim("a", WINDOW, Duration.ZERO));
            List<LogRecord> warnings = log.records().stream().filter(r -> r.getMessage().startsWith("DH-0640")).toList();
            assertEquals(1, warnings.size(), "at most one line every few seconds");
            assertFalse(warnings.get(0).getParameters()[0].toString().isBlank());
        }
    }

    @Test
    void closingFailsWhatIsQueuedAndLogsTheBatchSizes() {
        try (LogCapture log = LogCapture.of(BatchingRecords.class)) {
            BatchingRecords records = new BatchingRecords(grid, grid, DIRECT, Duration.ofMinutes(1));
            records.putIfAbsent("k", new byte[8]);
            records.close();
            assertThrows(IllegalStateException.class, () -> records.putIfAbsent("later", new byte[8]));
            assertTrue(log.records().stream().anyMatch(r -> r.getMessage().startsWith("DH-0641")));
            assertTrue(records.describe().contains("batches"));
        }
    }

    /**
     * One member's records, as the batched calls and as the single calls: answers at once, unless the test holds
     * the claims or the replies.
     */
    private static final class OneMemberGrid implements SharedRecords, GridBatches {

        final Map<String, byte[]> map = new ConcurrentHashMap<>();
        final List<Runnable> heldClaims = new ArrayList<>();
        final List<Runnable> heldPuts = new ArrayList<>();
        volatile boolean holdClaims;
        volatile boolean holdPuts;
        volatile RuntimeException failure;
        int singleWrites;

        @Override
        public List<CompletableFuture<Boolean>> putIfAbsent(List<GridBatcher.Call<byte[]>> calls) {
            if (failure != null) {
                throw failure;
            }
            List<CompletableFuture<Boolean>> answers = new ArrayList<>();
            for (GridBatcher.Call<byte[]> call : calls) {
                CompletableFuture<Boolean> answer = new CompletableFuture<>();
                Runnable apply = () -> answer.complete(map.putIfAbsent(call.key(), call.value()) == null);
                if (holdClaims) {
                    heldClaims.add(apply);
                } else {
                    apply.run();
                }
                answers.add(answer);
            }
            return answers;
        }

        @Override
        public List<CompletableFuture<Void>> put(List<GridBatcher.Call<byte[]>> calls) {
            List<CompletableFuture<Void>> answers = new ArrayList<>();
            for (GridBatcher.Call<byte[]> call : calls) {
                CompletableFuture<Void> answer = new CompletableFuture<>();
                RuntimeException failed = failure;
                Runnable apply = failed != null ? () -> answer.completeExceptionally(failed) : () -> {
                    map.put(call.key(), call.value());
                    answer.complete(null);
                };
                if (holdPuts) {
                    heldPuts.add(apply);
                } else {
                    apply.run();
                }
                answers.add(answer);
            }
            return answers;
        }

        void releaseClaims() {
            holdClaims = false;
            heldClaims.forEach(Runnable::run);
        }

        void releasePuts() {
            holdPuts = false;
            heldPuts.forEach(Runnable::run);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] record) {
            singleWrites++;
            return map.putIfAbsent(key, record) == null;
        }

        @Override
        public byte[] get(String key) {
            return map.get(key);
        }

        @Override
        public synchronized boolean replace(String key, byte[] expected, byte[] record) {
            byte[] current = map.get(key);
            if (current == null || !java.util.Arrays.equals(current, expected)) {
                return false;
            }
            map.put(key, record);
            return true;
        }

        @Override
        public void put(String key, byte[] record) {
            singleWrites++;
            map.put(key, record);
        }

        @Override
        public void remove(String key) {
            map.remove(key);
        }

        @Override
        public Duration expiry() {
            return WINDOW;
        }

        @Override
        public String describe() {
            return "one member";
        }
    }
}
