package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The batcher over a grid the test answers by hand, and a "next batch" executor the test runs by hand. */
class GridBatcherTest {

    private final ControlledGrid grid = new ControlledGrid();
    private final ManualExecutor next = new ManualExecutor();
    private final GridBatcher<String, String> batcher = new GridBatcher<>(grid::send, next);

    @Test
    void underNoLoadACallIsABatchOfOneSentAtOnceFromTheCallersThread() {
        CompletableFuture<String> a = batcher.submit("a", "1");
        assertEquals(List.of(List.of("a")), grid.keysOfBatches());
        assertEquals(0, next.tasks.size(), "no hand-off to send it");
        grid.answer(0, 0, "A");
        assertEquals("A", a.join());
        CompletableFuture<String> b = batcher.submit("b", "2");
        assertEquals(List.of(List.of("a"), List.of("b")), grid.keysOfBatches(), "again at once: nothing was in flight");
        grid.answer(1, 0, "B");
        assertEquals("B", b.join());
        assertEquals(0, next.tasks.size());
        assertEquals(new GridBatcher.Sizes(2, 2, 1), batcher.sizes());
    }

    @Test
    void callsThatArriveWhileABatchIsInFlightGoTogetherNextInTheirOrder() {
        CompletableFuture<String> a = batcher.submit("a", "1");
        CompletableFuture<String> b = batcher.submit("b", "2");
        CompletableFuture<String> c = batcher.submit("c", "3");
        CompletableFuture<String> d = batcher.submit("d", "4");
        assertEquals(List.of(List.of("a")), grid.keysOfBatches(), "one batch in flight");
        assertFalse(b.isDone());
        grid.answer(0, 0, "A");
        assertEquals("A", a.join());
        assertEquals(1, grid.batches.size(), "the next batch is sent from the executor");
        next.runAll();
        assertEquals(List.of(List.of("a"), List.of("b", "c", "d")), grid.keysOfBatches());
        assertEquals(List.of("2", "3", "4"), grid.batches.get(1).stream().map(GridBatcher.Call::value).toList());
        CompletableFuture<String> e = batcher.submit("e", "5");
        assertEquals(2, grid.batches.size(), "still one batch in flight");
        grid.answer(1, 2, "D");
        grid.answer(1, 0, "B");
        assertEquals("D", d.join(), "each call completes as the grid answers it");
        assertEquals("B", b.join());
        assertFalse(c.isDone());
        assertEquals(2, grid.batches.size(), "the batch is in flight until every call of it is answered");
        grid.answer(1, 1, "C");
        assertEquals("C", c.join());
        next.runAll();
        assertEquals(List.of("e"), grid.keysOfBatches().get(2));
        grid.answer(2, 0, "E");
        assertEquals("E", e.join());
        assertEquals(new GridBatcher.Sizes(5, 3, 3), batcher.sizes());
    }

    @Test
    void theSameKeyTwiceInABatchIsTwoCalls() {
        batcher.submit("a", "1");
        CompletableFuture<String> first = batcher.submit("k", "2");
        CompletableFuture<String> copy = batcher.submit("k", "3");
        grid.answer(0, 0, "A");
        next.runAll();
        assertEquals(List.of("k", "k"), grid.keysOfBatches().get(1));
        grid.answer(1, 0, "stored");
        grid.answer(1, 1, "found");
        assertEquals("stored", first.join());
        assertEquals("found", copy.join());
    }

    @Test
    void aBatchTheGridRefusesFailsEachOfItsCallsWithTheGridsFailureAndTheNextBatchStillGoes() {
        batcher.submit("a", "1");
        CompletableFuture<String> b = batcher.submit("b", "2");
        CompletableFuture<String> c = batcher.submit("c", "3");
        IllegalStateException refusal = new IllegalStateException("grid down");
        grid.refuseNext = refusal;
        grid.answer(0, 0, "A");
        next.runAll();
        assertEquals(List.of("b", "c"), grid.keysOfBatches().get(1));
        assertSame(refusal, failure(b));
        assertSame(refusal, failure(c));
        CompletableFuture<String> d = batcher.submit("d", "4");
        assertEquals(List.of("d"), grid.keysOfBatches().get(2), "not stuck: the next call is sent at once");
        grid.answer(2, 0, "D");
        assertEquals("D", d.join());
    }

    @Test
    void callsTheGridFailsFailWithItsFailureAndTheOthersOfTheBatchAreAnswered() {
        CompletableFuture<String> a = batcher.submit("a", "1");
        RuntimeException timeout = new RuntimeException("operation timed out");
        grid.fail(0, 0, timeout);
        assertSame(timeout, failure(a));
        batcher.submit("x", "0");
        CompletableFuture<String> b = batcher.submit("b", "2");
        CompletableFuture<String> c = batcher.submit("c", "3");
        grid.answer(1, 0, "X");
        next.runAll();
        grid.fail(2, 0, timeout);
        grid.answer(2, 1, "C");
        assertSame(timeout, failure(b));
        assertEquals("C", c.join());
        assertTrue(next.tasks.isEmpty());
        CompletableFuture<String> d = batcher.submit("d", "4");
        assertEquals(List.of("d"), grid.keysOfBatches().get(3), "nothing in flight after a failed batch: sent at once");
        grid.answer(3, 0, "D");
        assertEquals("D", d.join());
    }

    @Test
    void closingFailsTheQueuedCallsAndLaterOnesWhileTheBatchInFlightStillAnswers() {
        CompletableFuture<String> a = batcher.submit("a", "1");
        CompletableFuture<String> b = batcher.submit("b", "2");
        CompletableFuture<String> c = batcher.submit("c", "3");
        batcher.close();
        assertInstanceOf(IllegalStateException.class, failure(b));
        assertInstanceOf(IllegalStateException.class, failure(c));
        CompletableFuture<String> later = batcher.submit("d", "4");
        assertInstanceOf(IllegalStateException.class, failure(later));
        grid.answer(0, 0, "A");
        assertEquals("A", a.join());
        next.runAll();
        assertEquals(1, grid.batches.size(), "nothing sent after closing");
    }

    @Test
    void anExecutorThatRefusesTheNextBatchFailsItsCalls() {
        batcher.submit("a", "1");
        CompletableFuture<String> b = batcher.submit("b", "2");
        next.refuse = true;
        grid.answer(0, 0, "A");
        assertInstanceOf(RejectedExecutionException.class, failure(b));
        next.refuse = false;
        CompletableFuture<String> c = batcher.submit("c", "3");
        assertEquals(List.of("c"), grid.keysOfBatches().get(1), "not stuck: nothing is in flight");
        grid.answer(1, 0, "C");
        assertEquals("C", c.join());
    }

    private static Throwable failure(CompletableFuture<?> future) {
        CompletionException thrown = assertThrows(CompletionException.class, future::join);
        return thrown.getCause();
    }

    /** A grid that keeps each batch's calls and answers them when the test says. */
    private static final class ControlledGrid {

        final List<List<GridBatcher.Call<String>>> batches = new ArrayList<>();
        final List<List<CompletableFuture<String>>> answers = new ArrayList<>();
        RuntimeException refuseNext;

        List<CompletableFuture<String>> send(List<GridBatcher.Call<String>> calls) {
            if (refuseNext != null) {
                RuntimeException refusal = refuseNext;
                refuseNext = null;
                batches.add(List.copyOf(calls));
                answers.add(List.of());
                throw refusal;
            }
            batches.add(List.copyOf(calls));
            List<CompletableFuture<String>> stages = new ArrayList<>();
            calls.forEach(call -> stages.add(new CompletableFuture<>()));
            answers.add(stages);
            return stages;
        }

        List<List<String>> keysOfBatches() {
            return batches.stream().map(batch -> batch.stream().map(GridBatcher.Call::key).toList()).toList();
        }

        void answer(int batch, int call, String answer) {
            answers.get(batch).get(call).complete(answer);
        }

        void fail(int batch, int call, RuntimeException failure) {
            answers.get(batch).get(call).completeExceptionally(failure);
        }
    }

    /** Holds tasks until the test runs them. */
    private static final class ManualExecutor implements Executor {

        final Deque<Runnable> tasks = new ArrayDeque<>();
        boolean refuse;

        @Override
        public void execute(Runnable task) {
            if (refuse) {
                throw new RejectedExecutionException("shut down");
            }
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }
}
