package org.dialoghook.internal.replay;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shared replay records whose two calls of a new delivery go to the grid in batches ({@link GridBatcher}): the
 * claim ({@link #putIfAbsent}) waits for its own answer, as {@link SharedReplayStore}'s protocol needs; the reply
 * ({@link #put}) is handed to its batch and not waited for. The rarer calls (a redelivery's read, taking over an
 * expired record, a release) go one at a time through the records the batches write to, so the claim protocol
 * stays {@link SharedReplayStore}'s, unchanged.
 *
 * <p>Failures: a claim whose batch failed throws what the grid threw, as a single call would; a claim not answered
 * within {@code claimTimeout} throws {@link ReplayStoreFailedException}, and if the grid stores its record after
 * all, the record is removed again so that a redelivery runs. A reply whose batch failed is not kept: its record
 * stays a claim, as when a single {@code put} fails, so a redelivery is refused as still in progress until the
 * record expires; that is logged ({@code DH-0640}, at most every {@value #FAILURE_LOG_MILLIS} ms, with a count).
 */
final class BatchingRecords implements SharedRecords, AutoCloseable {

    static final long FAILURE_LOG_MILLIS = 10_000;
    static final long SIZES_LOG_MILLIS = 60_000;

    private static final Logger LOG = Logger.getLogger(BatchingRecords.class.getName());

    private final SharedRecords single;
    private final GridBatcher<byte[], Boolean> claims;
    private final GridBatcher<byte[], Void> replies;
    private final Executor cleanUp;
    private final Duration claimTimeout;
    private final LongAdder repliesLost = new LongAdder();
    private final AtomicLong failureLoggedAt = new AtomicLong();
    private final AtomicLong sizesLoggedAt = new AtomicLong(System.currentTimeMillis());

    /**
     * Creates the records.
     *
     * @param single the same records, one call at a time: read, replaced, removed and described through it
     * @param batches the grid's batched calls, writing to the same records
     * @param next where a batch that queued up behind another is sent from, and where a late claim is undone
     * @param claimTimeout how long a claim waits for its batch's answer
     */
    BatchingRecords(SharedRecords single, GridBatches batches, Executor next, Duration claimTimeout) {
        this.single = single;
        this.claims = new GridBatcher<>(batches::putIfAbsent, next);
        this.replies = new GridBatcher<>(batches::put, next);
        this.cleanUp = next;
        this.claimTimeout = claimTimeout;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record) {
        CompletableFuture<Boolean> stored = claims.submit(key, record);
        try {
            return stored.get(claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            undoIfStoredLate(key, stored);
            throw new ReplayStoreFailedException("claiming delivery " + key + " in the data grid", e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            undoIfStoredLate(key, stored);
            Thread.currentThread().interrupt();
            throw new ReplayInProgressException(key);
        } finally {
            logSizesNowAndThen();
        }
    }

    @Override
    public void put(String key, byte[] record) {
        replies.submit(key, record).whenComplete((stored, failure) -> {
            if (failure != null) {
                replyLost(key, failure);
            }
        });
    }

    @Override
    public byte[] get(String key) {
        return single.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record) {
        return single.replace(key, expected, record);
    }

    @Override
    public void remove(String key) {
        single.remove(key);
    }

    @Override
    public Duration expiry() {
        return single.expiry();
    }

    @Override
    public long evictions() {
        return single.evictions();
    }

    @Override
    public String describe() {
        return single.describe() + "; claims and replies sent in batches, one batch of each in flight";
    }

    /**
     * How the claims went in batches.
     *
     * @return their sizes
     */
    GridBatcher.Sizes claimBatches() {
        return claims.sizes();
    }

    /**
     * How the replies went in batches.
     *
     * @return their sizes
     */
    GridBatcher.Sizes replyBatches() {
        return replies.sizes();
    }

    /**
     * How many replies were not kept because their batch failed.
     *
     * @return the count
     */
    long repliesLost() {
        return repliesLost.sum();
    }

    /** Fails the claims and replies still queued; batches in flight still answer. */
    @Override
    public void close() {
        claims.close();
        replies.close();
        logSizes();
    }

    /** A claim its caller gave up on is removed again if the grid stores it after all, so a redelivery runs. */
    private void undoIfStoredLate(String key, CompletableFuture<Boolean> stored) {
        stored.whenCompleteAsync((late, failure) -> {
            if (Boolean.TRUE.equals(late)) {
                single.remove(key);
            }
        }, cleanUp);
    }

    private void replyLost(String key, Throwable failure) {
        repliesLost.increment();
        long now = System.currentTimeMillis();
        long last = failureLoggedAt.get();
        if (now - last >= FAILURE_LOG_MILLIS && failureLoggedAt.compareAndSet(last, now)) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            LOG.log(Level.WARNING, "DH-0640 the data grid did not keep the reply of delivery {0} ({1}; {2} replies "
                    + "lost so far): its record stays a claim, so a redelivery is refused as still in progress until "
                    + "the record expires", new Object[] {key, cause.getClass().getSimpleName(),
                        String.valueOf(repliesLost.sum())});
        }
    }

    private void logSizesNowAndThen() {
        long now = System.currentTimeMillis();
        long last = sizesLoggedAt.get();
        if (now - last >= SIZES_LOG_MILLIS && sizesLoggedAt.compareAndSet(last, now)) {
            logSizes();
        }
    }

    private void logSizes() {
        GridBatcher.Sizes claimed = claims.sizes();
        GridBatcher.Sizes kept = replies.sizes();
        LOG.log(Level.INFO, "DH-0641 replay store batches so far: claims {0} in {1} batches (mean {2}, largest {3}); "
                + "replies {4} in {5} batches (mean {6}, largest {7})", new Object[] {
                    String.valueOf(claimed.calls()), String.valueOf(claimed.batches()),
                    String.format(java.util.Locale.ROOT, "%.2f", claimed.mean()), String.valueOf(claimed.largest()),
                    String.valueOf(kept.calls()), String.valueOf(kept.batches()),
                    String.format(java.util.Locale.ROOT, "%.2f", kept.mean()), String.valueOf(kept.largest())});
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new ReplayStoreFailedException("claiming a delivery in the data grid", cause);
    }
}
