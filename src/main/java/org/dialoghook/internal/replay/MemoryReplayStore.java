package org.dialoghook.internal.replay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The replay store of one server, in its memory. A delivery whose first run is going is an entry of a small map,
 * which copies of it wait on; once it has its reply, the reply is written into a {@link ReplyRing}, a ring of
 * byte chunks reused for the store's life, and the entry leaves the map. A delivery still running is never
 * forgotten to make room; finished ones leave the ring oldest first, when it holds its capacity or has expired.
 */
public final class MemoryReplayStore implements ReplayStore {

    /** The size of one of the ring's chunks, and so the largest reply the store keeps. */
    static final int CHUNK_BYTES = 1 << 20;

    /** The most chunks: with replies of a few hundred bytes, room for well over the default capacity. */
    static final int MAX_CHUNKS = 64;

    private static final Logger LOG = Logger.getLogger(MemoryReplayStore.class.getName());

    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ReplyRing replies;
    private final AtomicBoolean warnedEarly = new AtomicBoolean();
    private final int capacity;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param capacity the most finished deliveries kept at once
     * @param clock the clock expiry is measured with
     */
    public MemoryReplayStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.replies = new ReplyRing(capacity, CHUNK_BYTES, MAX_CHUNKS);
    }

    @Override
    public Claim claim(String key, Duration window, Duration wait) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        while (true) {
            long now = clock.millis();
            Run mine = new Run(now + window.toMillis());
            Run earlier = running.putIfAbsent(key, mine);
            if (earlier == null) {
                Object found = find(keyBytes, now);
                if (found instanceof StoredReply reply) {
                    running.remove(key, mine);
                    mine.complete(reply);
                    return Claim.replay(reply);
                }
                return found == ReplyRing.Seen.EXPIRED ? Claim.REPEAT : Claim.FIRST;
            }
            StoredReply reply = await(earlier, key, wait);
            if (reply != null) {
                return Claim.replay(reply);
            }
        }
    }

    @Override
    public boolean complete(String key, StoredReply reply, Duration window) {
        Run run = running.get(key);
        long now = clock.millis();
        long expiresAt = run != null ? run.expiresAt : now + window.toMillis();
        boolean kept;
        long leftEarly;
        lock.lock();
        try {
            kept = replies.put(key.getBytes(StandardCharsets.UTF_8), reply, expiresAt, now);
            leftEarly = replies.leftEarly();
        } finally {
            lock.unlock();
        }
        if (run != null) {
            running.remove(key, run);
            run.complete(kept ? reply : null);
        }
        if (leftEarly > 0 && warnedEarly.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "DH-0603 the replay store is full: deliveries leave it before their replay window "
                    + "ends, and a redelivery of one of them runs its handler again (at most {0} deliveries kept)",
                    String.valueOf(capacity));
        }
        return kept;
    }

    @Override
    public void release(String key) {
        Run run = running.remove(key);
        if (run != null) {
            run.complete(null);
        }
    }

    @Override
    public long leftEarly() {
        lock.lock();
        try {
            return replies.leftEarly();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return "in memory on this server, at most " + capacity + " deliveries";
    }

    private Object find(byte[] key, long now) {
        lock.lock();
        try {
            return replies.find(key, now);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for an earlier run's reply; null when that run was released, so that this copy claims again. */
    private static StoredReply await(Run earlier, String key, Duration wait) {
        try {
            return earlier.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ReplayInProgressException(key);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run never fails", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInProgressException(key);
        }
    }

    /** A delivery's first run while it is going: the future its copies wait on, and when its record will expire. */
    private static final class Run extends CompletableFuture<StoredReply> {

        private final long expiresAt;

        Run(long expiresAt) {
            this.expiresAt = expiresAt;
        }
    }
}
