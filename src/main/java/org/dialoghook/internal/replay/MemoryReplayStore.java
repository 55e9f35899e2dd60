package org.dialoghook.internal.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The replay store of one server: a bounded map in memory, with its entries also queued in the order they were
 * claimed. Entries leave from the head of that queue: as soon as they expire, and, when the store is full, the
 * ones claimed longest ago first (with one replay window for every delivery, those are the ones closest to
 * expiry). A delivery whose first run is still going is never forgotten to make room.
 *
 * <p>Each claim does a constant amount of upkeep: it looks at the head of the queue, and only one thread at a
 * time does even that; no claim scans or sorts the store.
 */
public final class MemoryReplayStore implements ReplayStore {

    /** The most entries one claim's upkeep looks at, so that no single delivery pays for a backlog. */
    private static final int UPKEEP_STEPS = 8;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<Entry> claimOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final ReentrantLock upkeep = new ReentrantLock();
    private final int capacity;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param capacity the most deliveries kept at once (more only while their first runs are still going)
     * @param clock the clock expiry is measured with
     */
    public MemoryReplayStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Claim claim(String key, Duration window, Duration wait) {
        long now = clock.millis();
        Entry mine = new Entry(key, now + window.toMillis());
        boolean[] expiredBefore = {false};
        Entry existing = entries.compute(key, (k, old) -> {
            if (old == null || old.expiresAt <= now) {
                expiredBefore[0] = old != null;
                return mine;
            }
            return old;
        });
        if (existing == mine) {
            claimOrder.add(mine);
            queued.incrementAndGet();
            tidy(now);
            return expiredBefore[0] ? Claim.REPEAT : Claim.FIRST;
        }
        try {
            StoredReply reply = existing.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return reply == null ? claim(key, window, wait) : Claim.replay(reply);
        } catch (TimeoutException e) {
            throw new ReplayInProgressException(key);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replay entry never fails", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInProgressException(key);
        }
    }

    @Override
    public void complete(String key, StoredReply reply, Duration window) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.complete(reply);
        }
    }

    @Override
    public void release(String key) {
        Entry entry = entries.remove(key);
        if (entry != null) {
            entry.complete(null);
        }
    }

    @Override
    public String describe() {
        return "in memory on this server, at most " + capacity + " deliveries";
    }

    /**
     * How many deliveries the store holds now.
     *
     * @return the number of entries
     */
    int size() {
        return entries.size();
    }

    /**
     * How many entries the claim order holds, current or not yet tidied away.
     *
     * @return the length of the queue
     */
    int queued() {
        return queued.get();
    }

    /**
     * The upkeep of one claim: the head of the claim order leaves while it has expired, was released or
     * replaced, or while the store (or the queue, holding released entries) is over its capacity. A head whose
     * first run is still going moves to the tail instead. At most {@value #UPKEEP_STEPS} entries a claim, and
     * a claim that finds another thread at it goes on without waiting: every claim adds one entry and can take up
     * to eight away, so the store stays at its capacity.
     */
    private void tidy(long now) {
        if (!upkeep.tryLock()) {
            return;
        }
        try {
            for (int step = 0; step < UPKEEP_STEPS; step++) {
                Entry head = claimOrder.peek();
                if (head == null) {
                    return;
                }
                boolean current = entries.get(head.key) == head;
                boolean over = entries.size() > capacity || queued.get() > 2 * capacity;
                if (current && head.expiresAt > now && !over) {
                    return;
                }
                claimOrder.poll();
                if (current && !head.isDone()) {
                    claimOrder.add(head);
                    continue;
                }
                queued.decrementAndGet();
                if (current) {
                    entries.remove(head.key, head);
                }
            }
        } finally {
            upkeep.unlock();
        }
    }

    /**
     * One delivery's entry: its key, when it expires, and its reply as the future copies of it wait on. The entry
     * is that future itself, one object fewer for each of the up to {@code capacity} entries the collector keeps
     * copying while they are young.
     */
    private static final class Entry extends CompletableFuture<StoredReply> {

        private final String key;
        private final long expiresAt;

        Entry(String key, long expiresAt) {
            this.key = key;
            this.expiresAt = expiresAt;
        }
    }
}
