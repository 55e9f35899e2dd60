package org.dialoghook.internal.replay;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The replay store of one server: a bounded map in memory. When full, expired entries go first, then the
 * entries closest to expiry.
 */
public final class MemoryReplayStore implements ReplayStore {

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    /**
     * Creates the store.
     *
     * @param capacity the most deliveries kept at once
     * @param clock the clock expiry is measured with
     */
    public MemoryReplayStore(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Claim claim(String key, Duration window, Duration wait) {
        long now = clock.millis();
        Entry mine = new Entry(new CompletableFuture<>(), now + window.toMillis());
        boolean[] expiredBefore = {false};
        Entry existing = entries.compute(key, (k, old) -> {
            if (old == null || old.expiresAt <= now) {
                expiredBefore[0] = old != null;
                return mine;
            }
            return old;
        });
        if (existing == mine) {
            if (entries.size() > capacity) {
                // one thread makes room; the others wait for it instead of each sorting the whole store
                synchronized (entries) {
                    if (entries.size() > capacity) {
                        evict(now);
                    }
                }
            }
            return expiredBefore[0] ? Claim.REPEAT : Claim.FIRST;
        }
        try {
            StoredReply reply = existing.reply.get(wait.toMillis(), TimeUnit.MILLISECONDS);
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
            entry.reply.complete(reply);
        }
    }

    @Override
    public void release(String key) {
        Entry entry = entries.remove(key);
        if (entry != null) {
            entry.reply.complete(null);
        }
    }

    @Override
    public String describe() {
        return "in memory on this server, at most " + capacity + " deliveries";
    }

    /**
     * Makes room: expired entries first, then those closest to expiry. A full store frees a tenth of its
     * capacity at once, so that this happens once per so many deliveries, not on each one; the entries to free
     * are found by sorting their expiry times alone, not the entries.
     */
    private void evict(long now) {
        entries.values().removeIf(entry -> entry.expiresAt <= now && entry.reply.isDone());
        int excess = entries.size() - capacity + capacity / 10;
        if (excess <= 0) {
            return;
        }
        long[] expiries = entries.values().stream().filter(entry -> entry.reply.isDone())
                .mapToLong(Entry::expiresAt).toArray();
        if (expiries.length == 0) {
            return;
        }
        Arrays.sort(expiries);
        long last = expiries[Math.min(excess, expiries.length) - 1];
        entries.values().removeIf(entry -> entry.expiresAt <= last && entry.reply.isDone());
    }

    private record Entry(CompletableFuture<StoredReply> reply, long expiresAt) {
    }
}
