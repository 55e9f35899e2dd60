package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.concurrent.TimeUnit;
import org.dialoghook.internal.LogCapture;
import org.dialoghook.internal.MovableClock;
import org.junit.jupiter.api.Test;

class MemoryReplayStoreTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final StoredReply REPLY = new StoredReply(200, "application/json",
            "{\"blocks\":[]}".getBytes(StandardCharsets.UTF_8));

    @Test
    void theFirstCopyClaimsAndLaterCopiesGetItsReply() {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
        store.complete("k", REPLY, WINDOW);
        StoredReply again = store.claim("k", WINDOW, Duration.ZERO).earlierReply().orElseThrow();
        assertEquals(200, again.status());
        assertArrayEquals(REPLY.body(), again.body());
    }

    /**
     * A copy of delivery {@code k} claimed on a thread of its own, returned once that thread is waiting for the first
     * run: a copy that arrived after the first run ended would find the reply without waiting at all.
     */
    private static CompletableFuture<ReplayStore.Claim> waitingCopy(MemoryReplayStore store) throws InterruptedException {
        CompletableFuture<ReplayStore.Claim> claim = new CompletableFuture<>();
        Thread copy = new Thread(() -> claim.complete(store.claim("k", WINDOW, Duration.ofSeconds(30))), "copy");
        copy.setDaemon(true);
        copy.start();
        for (int i = 0; i < 1000 && copy.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(5);
        }
        assertEquals(Thread.State.TIMED_WAITING, copy.getState(), "the copy waits for the first run");
        return claim;
    }

    @Test
    void aCopyDuringTheFirstRunWaitsForItsReply() throws Exception {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        store.claim("k", WINDOW, Duration.ZERO);
        CompletableFuture<ReplayStore.Claim> second = waitingCopy(store);
        assertFalse(second.isDone(), "no answer before the first run completes");
        store.complete("k", REPLY, WINDOW);
        assertEquals(200, second.get(10, TimeUnit.SECONDS).earlierReply().orElseThrow().status());
    }

    @Test
    void aCopyWaitingWhileTheFirstRunIsReleasedRunsItself() throws Exception {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        store.claim("k", WINDOW, Duration.ZERO);
        CompletableFuture<ReplayStore.Claim> second = waitingCopy(store);
        store.release("k");
        assertEquals(ReplayStore.Claim.FIRST, second.get(10, TimeUnit.SECONDS), "the copy claims the delivery itself");
    }

    @Test
    void aCopyThatWaitsInVainIsRefusedNotRun() {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        store.claim("k", WINDOW, Duration.ZERO);
        assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ofMillis(50)));
    }

    @Test
    void aReleasedClaimLetsTheNextCopyRun() {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        store.claim("k", WINDOW, Duration.ZERO);
        store.release("k");
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void afterTheWindowTheDeliveryIsNewAgain() {
        MovableClock clock = new MovableClock();
        MemoryReplayStore store = new MemoryReplayStore(10, clock);
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        clock.advance(WINDOW.plusSeconds(1));
        ReplayStore.Claim again = store.claim("k", WINDOW, Duration.ZERO);
        assertTrue(again.earlierReply().isEmpty(), "claimed again: the handler runs");
    }

    @Test
    void afterTheWindowTheDeliveryIsNewAgainWhateverOtherClaimsCameInBetween() {
        MovableClock clock = new MovableClock();
        MemoryReplayStore store = new MemoryReplayStore(10, clock);
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        clock.advance(WINDOW.plusSeconds(1));
        for (int i = 0; i < 30; i++) {
            store.claim("other" + i, WINDOW, Duration.ZERO);
            store.complete("other" + i, REPLY, WINDOW);
        }
        ReplayStore.Claim again = store.claim("k", WINDOW, Duration.ZERO);
        assertTrue(again.earlierReply().isEmpty(), "claimed again: the handler runs");
        store.complete("k", REPLY, WINDOW);
        assertTrue(store.claim("k", WINDOW, Duration.ZERO).earlierReply().isPresent(),
                "and within the new window a copy gets the new reply");
    }

    @Test
    void whenFullTheDeliveriesClaimedLongestAgoGoFirst() {
        MovableClock clock = new MovableClock();
        MemoryReplayStore store = new MemoryReplayStore(5, clock);
        for (int i = 0; i < 50; i++) {
            store.claim("k" + i, WINDOW.plusSeconds(i), Duration.ZERO);
            store.complete("k" + i, REPLY, WINDOW);
        }
        assertTrue(store.claim("k49", WINDOW, Duration.ZERO).earlierReply().isPresent(), "the newest delivery is kept");
        assertTrue(store.claim("k45", WINDOW, Duration.ZERO).earlierReply().isPresent(), "the five newest are kept");
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k0", WINDOW, Duration.ZERO), "the oldest was forgotten");
    }

    @Test
    void theStoreKeepsItsCapacityOfFinishedDeliveriesAndNoMore() {
        MemoryReplayStore store = new MemoryReplayStore(100, new MovableClock());
        for (int i = 0; i < 10_000; i++) {
            store.claim("k" + i, WINDOW, Duration.ZERO);
            assertTrue(store.complete("k" + i, REPLY, WINDOW));
        }
        for (int i = 9_900; i < 10_000; i++) {
            assertTrue(store.claim("k" + i, WINDOW, Duration.ZERO).earlierReply().isPresent(), "k" + i + " is kept");
        }
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k9899", WINDOW, Duration.ZERO), "the 101st newest is gone");
    }

    @Test
    void expiredDeliveriesMakeRoomForNewOnes() {
        MovableClock clock = new MovableClock();
        MemoryReplayStore store = new MemoryReplayStore(10, clock);
        for (int i = 0; i < 10; i++) {
            store.claim("old" + i, WINDOW, Duration.ZERO);
            store.complete("old" + i, REPLY, WINDOW);
        }
        clock.advance(WINDOW.plusSeconds(1));
        for (int i = 0; i < 10; i++) {
            store.claim("new" + i, WINDOW, Duration.ZERO);
            store.complete("new" + i, REPLY, WINDOW);
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(store.claim("new" + i, WINDOW, Duration.ZERO).earlierReply().isPresent(), "new" + i + " is kept");
            assertTrue(store.claim("old" + i, WINDOW, Duration.ZERO).earlierReply().isEmpty(), "old" + i + " runs again");
        }
    }

    @Test
    void aDeliveryStillRunningIsNotForgottenToMakeRoom() {
        MemoryReplayStore store = new MemoryReplayStore(3, new MovableClock());
        store.claim("running", WINDOW, Duration.ZERO);
        for (int i = 0; i < 50; i++) {
            store.claim("k" + i, WINDOW, Duration.ZERO);
            store.complete("k" + i, REPLY, WINDOW);
        }
        assertThrows(ReplayInProgressException.class, () -> store.claim("running", WINDOW, Duration.ofMillis(20)),
                "a copy of the running delivery still waits for it, rather than running it twice");
        store.complete("running", REPLY, WINDOW);
        assertTrue(store.claim("running", WINDOW, Duration.ZERO).earlierReply().isPresent());
    }

    @Test
    void releasedClaimsLeaveNothingBehind() {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        for (int i = 0; i < 1_000; i++) {
            store.claim("k" + i, WINDOW, Duration.ZERO);
            store.release("k" + i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertEquals(ReplayStore.Claim.FIRST, store.claim("k" + i, WINDOW, Duration.ZERO),
                    "a released delivery is claimed at once, with nothing to wait for");
        }
    }

    @Test
    void aReplyTooLargeToKeepIsNotKeptAndItsCopiesRunThemselves() throws Exception {
        MemoryReplayStore store = new MemoryReplayStore(10, new MovableClock());
        StoredReply huge = new StoredReply(200, "application/json", new byte[MemoryReplayStore.CHUNK_BYTES]);
        store.claim("k", WINDOW, Duration.ZERO);
        CompletableFuture<ReplayStore.Claim> copy = waitingCopy(store);
        assertFalse(store.complete("k", huge, WINDOW), "the owner learns that the reply was not kept");
        assertEquals(ReplayStore.Claim.FIRST, copy.get(10, TimeUnit.SECONDS), "the waiting copy runs itself");
    }

    @Test
    void aStoreTooSmallForItsWindowSaysSoOnce() {
        List<LogRecord> lines;
        try (LogCapture log = LogCapture.of(MemoryReplayStore.class)) {
            MemoryReplayStore store = new MemoryReplayStore(5, new MovableClock());
            for (int i = 0; i < 20; i++) {
                store.claim("k" + i, WINDOW, Duration.ZERO);
                store.complete("k" + i, REPLY, WINDOW);
            }
            lines = log.records();
        }
        assertEquals(1, lines.size(), "one warning, however many deliveries left early");
        assertEquals(Level.WARNING, lines.get(0).getLevel());
        assertTrue(lines.get(0).getMessage().startsWith("DH-0603 "), lines.get(0).getMessage());
    }

    @Test
    void copiesRacingOnManyThreadsRunEachDeliveryOnce() throws Exception {
        MemoryReplayStore store = new MemoryReplayStore(1_000, new MovableClock());
        int deliveries = 200;
        AtomicInteger[] runs = new AtomicInteger[deliveries];
        for (int i = 0; i < deliveries; i++) {
            runs[i] = new AtomicInteger();
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (int copy = 0; copy < 4; copy++) {
                for (int i = 0; i < deliveries; i++) {
                    int delivery = i;
                    copies.add(threads.submit(() -> {
                        String key = "d" + delivery;
                        if (store.claim(key, WINDOW, Duration.ofSeconds(30)).earlierReply().isEmpty()) {
                            runs[delivery].incrementAndGet();
                            store.complete(key, REPLY, WINDOW);
                        }
                    }));
                }
            }
            for (Future<?> copy : copies) {
                copy.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < deliveries; i++) {
            assertEquals(1, runs[i].get(), "delivery d" + i + " ran once");
        }
    }

    @Test
    void aReplySurvivesItsByteForm() {
        StoredReply copy = StoredReply.fromBytes(REPLY.toBytes());
        assertEquals(REPLY.status(), copy.status());
        assertEquals(REPLY.mediaType(), copy.mediaType());
        assertArrayEquals(REPLY.body(), copy.body());
    }
}
