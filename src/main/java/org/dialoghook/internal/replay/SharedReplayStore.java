package org.dialoghook.internal.replay;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The replay store in a data grid that the members of a cluster share ({@link SharedRecords}), so that a
 * redelivery to another member finds the first member's claim and reply. A record is plain bytes: when it
 * expires, then the reply (none while the first run is going). A new delivery costs two grid calls: its claim
 * ({@code putIfAbsent}) and its reply ({@code put}).
 *
 * <p>A record the grid drops before the delivery's window ends is counted ({@link #leftEarly()}) and warned
 * about once: when the grid's expiry is shorter than the window ({@code DH-0605}), or when the grid evicted
 * records to make room ({@code DH-0606}, checked at most every {@value #EVICTION_CHECK_MILLIS} ms).
 */
public final class SharedReplayStore implements ReplayStore {

    static final long EVICTION_CHECK_MILLIS = 10_000;

    private static final Logger LOG = Logger.getLogger(SharedReplayStore.class.getName());
    private static final long POLL_MILLIS = 25;

    private final SharedRecords records;
    private final Clock clock;
    private final Duration expiry;
    private final LongAdder cutShort = new LongAdder();
    private final AtomicBoolean warnedShortExpiry = new AtomicBoolean();
    private final AtomicBoolean warnedEvictions = new AtomicBoolean();
    private volatile long evictionsCheckedAt;
    private volatile long evictions;

    /**
     * Creates the store.
     *
     * @param records the grid's shared records
     * @param clock the clock windows are measured with
     */
    public SharedReplayStore(SharedRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
        this.expiry = records.expiry();
        this.evictionsCheckedAt = clock.millis();
    }

    /**
     * Claims with one grid call when the delivery is new: {@code putIfAbsent} first, and only when that finds a
     * record, reads it to learn whether it holds a reply, an expired record or a run still going.
     */
    @Override
    public Claim claim(String key, Duration window, Duration wait) {
        long deadline = clock.millis() + wait.toMillis();
        while (true) {
            long now = clock.millis();
            byte[] mine = record(now + window.toMillis(), null);
            if (records.putIfAbsent(key, mine)) {
                watch(key, window, now);
                return Claim.FIRST;
            }
            byte[] current = records.get(key);
            if (current == null) {
                continue;
            }
            if (expiresAt(current) <= now) {
                if (records.replace(key, current, mine)) {
                    watch(key, window, now);
                    return Claim.REPEAT;
                }
            } else if (current.length > Long.BYTES) {
                return Claim.replay(StoredReply.fromBytes(Arrays.copyOfRange(current, Long.BYTES, current.length)));
            }
            // a run still going, or another copy took the expired record first: wait, then look again
            if (now >= deadline) {
                throw new ReplayInProgressException(key);
            }
            sleep();
        }
    }

    @Override
    public boolean complete(String key, StoredReply reply, Duration window) {
        records.put(key, record(clock.millis() + window.toMillis(), reply));
        return true;
    }

    @Override
    public void release(String key) {
        records.remove(key);
    }

    @Override
    public long leftEarly() {
        return cutShort.sum() + evictions;
    }

    @Override
    public String describe() {
        return records.describe() + ", records kept " + (expiry == null ? "until removed" : expiry.toString());
    }

    /** Counts a record the grid's expiry will drop before the window ends, and looks at the evictions now and then. */
    private void watch(String key, Duration window, long now) {
        if (expiry != null && expiry.compareTo(window) < 0) {
            cutShort.increment();
            if (warnedShortExpiry.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "DH-0605 the replay records leave the data grid after {0}, before the replay "
                        + "window of delivery {1} ({2}) ends: a redelivery after that runs its handler again; make the "
                        + "grid keep them at least as long as the longest window", new Object[] {expiry, key, window});
            }
        }
        if (now - evictionsCheckedAt >= EVICTION_CHECK_MILLIS) {
            evictionsCheckedAt = now;
            long evicted = records.evictions();
            evictions = evicted;
            if (evicted > 0 && warnedEvictions.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "DH-0606 the data grid evicted {0} replay records to make room, before their "
                        + "replay window ended (last delivery {1}): a redelivery of one of them runs its handler again; "
                        + "raise the cache''s size (see the operators'' guide)", new Object[] {String.valueOf(evicted), key});
            }
        }
    }

    private static byte[] record(long expiresAt, StoredReply reply) {
        byte[] body = reply == null ? new byte[0] : reply.toBytes();
        return ByteBuffer.allocate(Long.BYTES + body.length).putLong(expiresAt).put(body).array();
    }

    private static long expiresAt(byte[] record) {
        return ByteBuffer.wrap(record).getLong();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInProgressException("(interrupted)");
        }
    }
}
