package org.dialoghook.internal.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Sends one kind of grid call in batches, one batch in flight at a time ("smart batching"): a call that finds no
 * batch in flight is sent at once, from the caller's thread, as a batch of one; calls that arrive while a batch is
 * in flight queue up, and when that batch has answered they all go together as the next one, sent from
 * {@code next}. Nothing ever waits for a batch to fill.
 *
 * <p>Each call's future completes as the grid answers that call. A batch the grid refuses or fails completes each
 * of its calls' futures with the grid's failure, as a single call would have failed. After {@link #close()} the
 * queued calls, and every later one, fail with {@link IllegalStateException}; a batch already in flight still
 * answers.
 *
 * @param <V> what a call carries besides its key
 * @param <R> what the grid answers to a call
 */
final class GridBatcher<V, R> implements AutoCloseable {

    /**
     * One call of a batch.
     *
     * @param key the delivery's key
     * @param value what the call carries
     * @param <V> what a call carries besides its key
     */
    record Call<V>(String key, V value) {
    }

    /** Completes a stage's dependants on the thread that completes the stage: no hand-off to another pool. */
    private static final Executor SAME_THREAD = Runnable::run;

    private final Function<List<Call<V>>, List<? extends CompletionStage<R>>> grid;
    private final Executor next;
    private final ConcurrentLinkedQueue<Pending<V, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final LongAdder batches = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final AtomicInteger largest = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Creates the batcher.
     *
     * @param grid sends a batch: gives one stage per call, in the batch's order, each completed with the grid's
     *        answer to that call
     * @param next where a batch that queued up while another was in flight is sent from
     */
    GridBatcher(Function<List<Call<V>>, List<? extends CompletionStage<R>>> grid, Executor next) {
        this.grid = grid;
        this.next = next;
    }

    /**
     * Sends a call with the next batch, at once when no batch is in flight.
     *
     * @param key the delivery's key
     * @param value what the call carries
     * @return the grid's answer to this call
     */
    CompletableFuture<R> submit(String key, V value) {
        Pending<V, R> pending = new Pending<>(new Call<>(key, value));
        if (closed) {
            pending.completeExceptionally(closedFailure());
            return pending;
        }
        queue.add(pending);
        if (closed) {
            failQueued();
        } else if (inFlight.compareAndSet(false, true)) {
            sendQueued();
        }
        return pending;
    }

    /** Fails the queued calls and every later one; a batch in flight still answers. */
    @Override
    public void close() {
        closed = true;
        failQueued();
    }

    /**
     * How the calls went in batches so far.
     *
     * @return calls, batches and the largest batch
     */
    Sizes sizes() {
        return new Sizes(calls.sum(), batches.sum(), largest.get());
    }

    /**
     * How calls went in batches.
     *
     * @param calls the calls sent
     * @param batches the batches they went in
     * @param largest the most calls in one batch
     */
    record Sizes(long calls, long batches, int largest) {

        /**
         * The mean batch size.
         *
         * @return calls per batch; 0 before the first batch
         */
        double mean() {
            return batches == 0 ? 0 : (double) calls / batches;
        }
    }

    /** Sends what is queued; the caller holds {@link #inFlight}, and this gives it up when nothing is queued. */
    private void sendQueued() {
        while (true) {
            List<Pending<V, R>> batch = drain();
            if (!batch.isEmpty()) {
                send(batch);
                return;
            }
            inFlight.set(false);
            if (queue.isEmpty() || !inFlight.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private List<Pending<V, R>> drain() {
        List<Pending<V, R>> batch = new ArrayList<>();
        for (Pending<V, R> pending = queue.poll(); pending != null; pending = queue.poll()) {
            batch.add(pending);
        }
        return batch;
    }

    private void send(List<Pending<V, R>> batch) {
        batches.increment();
        calls.add(batch.size());
        largest.accumulateAndGet(batch.size(), Math::max);
        List<Call<V>> sent = new ArrayList<>(batch.size());
        for (Pending<V, R> pending : batch) {
            sent.add(pending.call);
        }
        List<? extends CompletionStage<R>> answers;
        try {
            answers = grid.apply(sent);
            if (answers.size() != batch.size()) {
                throw new IllegalStateException("the grid answered " + answers.size() + " of " + batch.size() + " calls");
            }
        } catch (RuntimeException | Error refused) {
            batch.forEach(pending -> pending.completeExceptionally(refused));
            batchAnswered();
            return;
        }
        AtomicInteger unanswered = new AtomicInteger(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending<V, R> pending = batch.get(i);
            answers.get(i).whenCompleteAsync((answer, failure) -> {
                if (failure != null) {
                    pending.completeExceptionally(failure);
                } else {
                    pending.complete(answer);
                }
                if (unanswered.decrementAndGet() == 0) {
                    batchAnswered();
                }
            }, SAME_THREAD);
        }
    }

    /** The batch in flight has answered: the calls queued meanwhile go next, from {@code next}. */
    private void batchAnswered() {
        if (closed) {
            failQueued();
        }
        if (queue.isEmpty()) {
            inFlight.set(false);
            if (queue.isEmpty() || !inFlight.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            next.execute(this::sendQueued);
        } catch (RejectedExecutionException | IllegalStateException refused) {
            inFlight.set(false);
            for (Pending<V, R> pending = queue.poll(); pending != null; pending = queue.poll()) {
                pending.completeExceptionally(refused);
            }
        }
    }

    private void failQueued() {
        for (Pending<V, R> pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.completeExceptionally(closedFailure());
        }
    }

    private static IllegalStateException closedFailure() {
        return new IllegalStateException("the replay store is closed");
    }

    /** A call and its answer to come. */
    private static final class Pending<V, R> extends CompletableFuture<R> {

        final Call<V> call;

        Pending(Call<V> call) {
            this.call = call;
        }
    }
}
