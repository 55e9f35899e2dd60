package org.dialoghook.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.Block;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.internal.config.HandlerPolicy;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;
import org.dialoghook.internal.trace.DeliveryTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler runner without a server: a handler runs on the runner's own pool, never on the caller's thread,
 * inside an active request context; its reply or failure completes the future; a dependent instance is destroyed
 * once its reply is there, a shared one never.
 */
class HandlerRunnerTest {

    private static final HandlerPolicy POLICY = new HandlerPolicy(Duration.ofSeconds(5), Optional.empty(),
            Optional.empty(), Optional.empty());

    private final List<String> events = new CopyOnWriteArrayList<>();
    private HandlerRunner runner;

    @BeforeEach
    void startPool() {
        runner = new HandlerRunner();
        runner.tracing = DeliveryTracing.OFF;
        runner.threads = (ManagedThreadFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedThreadFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("newThread") && args[0] instanceof Runnable work) {
                        Thread thread = new Thread(work, "managed-test-thread");
                        thread.setDaemon(true);
                        return thread;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        RequestContextController controller = new RequestContextController() {
            private boolean active;

            @Override
            public boolean activate() {
                events.add("activate");
                active = true;
                return true;
            }

            @Override
            public void deactivate() {
                events.add("deactivate");
                active = false;
            }

            @Override
            public String toString() {
                return "active=" + active;
            }
        };
        runner.requestContexts = instance(() -> controller, "controller");
        runner.startPool();
    }

    @AfterEach
    void stopPool() {
        runner.stopPool();
    }

    /** A CDI {@code Instance} of one bean, recording when an instance of it is destroyed. */
    @SuppressWarnings("unchecked")
    private <T> Instance<T> instance(Supplier<T> bean, String name) {
        Instance.Handle<T> handle = (Instance.Handle<T>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instance.Handle.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> bean.get();
                    case "destroy", "close" -> {
                        events.add("destroy " + name);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Instance<T>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> bean.get();
                    case "getHandle" -> handle;
                    case "destroy" -> {
                        events.add("destroy " + name);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private RegisteredHandler sync(WebhookHandler handler, boolean dependent) {
        return new RegisteredHandler("h", instance(() -> handler, "handler"), null, dependent);
    }

    private RegisteredHandler async(AsyncWebhookHandler handler) {
        return new RegisteredHandler("h", null, instance(() -> handler, "handler"), true);
    }

    private static Reply await(CompletableFuture<Reply> reply) throws Exception {
        return reply.get(5, TimeUnit.SECONDS);
    }

    /** The request context ends just after the reply is given: waits for that, at most five seconds. */
    private void awaitDeactivation() throws InterruptedException {
        for (int i = 0; i < 500 && !events.contains("deactivate"); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void aHandlerRunsOnThePoolInARequestContextOfItsOwn() throws Exception {
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];
        Reply reply = await(runner.start(sync((request, response) -> {
            ranOn[0] = Thread.currentThread();
            events.add("handle");
            response.pushText("done");
        }, false), null));
        awaitDeactivation();
        assertEquals("done", ((Block.Text) reply.blocks().get(0)).text());
        assertNotEquals(caller, ranOn[0]);
        assertEquals("managed-test-thread", ranOn[0].getName());
        assertEquals(List.of("activate", "handle", "deactivate"), events, "a shared instance is never destroyed");
    }

    @Test
    void aDependentInstanceIsDestroyedOnceItsReplyIsThere() throws Exception {
        await(runner.start(sync((request, response) -> response.pushText("x"), true), null));
        awaitDeactivation();
        assertTrue(events.contains("destroy handler"), events::toString);
        assertTrue(events.indexOf("destroy handler") < events.indexOf("deactivate"), events::toString);
    }

    @Test
    void whatAHandlerThrowsCompletesTheReplyExceptionally() throws InterruptedException {
        IllegalStateException thrown = new IllegalStateException("broken");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> await(runner.start(
                sync((request, response) -> {
                    throw thrown;
                }, true), null)));
        assertSame(thrown, failed.getCause());
        awaitDeactivation();
        assertTrue(events.contains("destroy handler"), "destroyed after a failure too");
        assertEquals("deactivate", events.get(events.size() - 1));
    }

    @Test
    void anAsynchronousHandlersStageIsItsReply() throws Exception {
        CompletableFuture<Reply> later = new CompletableFuture<>();
        CompletableFuture<Reply> reply = runner.start(async(request -> later), null);
        Reply answer = new ResponseBuilder().pushText("later").build();
        later.complete(answer);
        assertSame(answer, await(reply));
        assertTrue(events.contains("destroy handler"), events::toString);
    }

    @Test
    void anAsynchronousHandlerWithoutAStageOrAReplyFails() {
        ExecutionException noStage = assertThrows(ExecutionException.class,
                () -> await(runner.start(async(request -> null), null)));
        assertInstanceOf(IllegalStateException.class, noStage.getCause());
        ExecutionException noReply = assertThrows(ExecutionException.class,
                () -> await(runner.start(async(request -> CompletableFuture.completedFuture(null)), null)));
        assertInstanceOf(IllegalStateException.class, noReply.getCause());
    }

    /** A transaction that records what the runner asks of it, on which thread; it may refuse to begin or commit. */
    private final class RecordingTransaction implements HandlerTransaction {

        private final RuntimeException beginRefusal;
        private final RuntimeException commitFailure;
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        RecordingTransaction(RuntimeException beginRefusal, RuntimeException commitFailure) {
            this.beginRefusal = beginRefusal;
            this.commitFailure = commitFailure;
        }

        @Override
        public void begin() {
            events.add("begin");
            threads.add(Thread.currentThread());
            if (beginRefusal != null) {
                throw beginRefusal;
            }
        }

        @Override
        public void commit(Reply reply) {
            events.add("commit " + ((Block.Text) reply.blocks().get(0)).text());
            threads.add(Thread.currentThread());
            if (commitFailure != null) {
                throw commitFailure;
            }
        }

        @Override
        public void rollback() {
            events.add("rollback");
            threads.add(Thread.currentThread());
        }

        @Override
        public boolean abandon() {
            events.add("abandon");
            return true;
        }

        @Override
        public Duration longestBegin() {
            return Duration.ofSeconds(5);
        }
    }

    private RegisteredHandler recordingHandler(boolean fail) {
        return sync((request, response) -> {
            events.add("handle");
            if (fail) {
                throw new IllegalStateException("broken");
            }
            response.pushText("done");
        }, false);
    }

    @Test
    void aTransactionBeginsBeforeTheHandlerAndCommitsItsReplyOnTheHandlersThread() throws Exception {
        RecordingTransaction transaction = new RecordingTransaction(null, null);
        HandlerRunner.Run run = runner.start(recordingHandler(false), null, transaction);
        run.begun().get(5, TimeUnit.SECONDS);
        assertEquals("done", ((Block.Text) await(run.reply()).blocks().get(0)).text());
        awaitDeactivation();
        assertEquals(List.of("activate", "begin", "handle", "commit done", "deactivate"), events);
        assertEquals(1, transaction.threads.stream().distinct().count(), "begun and ended on one thread");
        assertEquals("managed-test-thread", transaction.threads.get(0).getName());
    }

    @Test
    void aBeginningThatRefusesKeepsTheHandlerFromRunningAndReachesTheCaller() throws Exception {
        IllegalStateException refusal = new IllegalStateException("answered before");
        HandlerRunner.Run run = runner.start(recordingHandler(false), null, new RecordingTransaction(refusal, null));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> run.begun().get(5, TimeUnit.SECONDS));
        assertSame(refusal, refused.getCause());
        assertThrows(ExecutionException.class, () -> await(run.reply()));
        awaitDeactivation();
        assertEquals(List.of("activate", "begin", "deactivate"), events, "no handler, nothing to end");
    }

    @Test
    void aHandlerThatThrowsHasItsTransactionRolledBack() throws Exception {
        HandlerRunner.Run run = runner.start(recordingHandler(true), null, new RecordingTransaction(null, null));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> await(run.reply()));
        assertEquals("broken", failed.getCause().getMessage());
        awaitDeactivation();
        assertEquals(List.of("activate", "begin", "handle", "rollback", "deactivate"), events);
    }

    @Test
    void aCommitThatFailsIsTheHandlersFailure() throws Exception {
        IllegalStateException notCommitted = new IllegalStateException("did not commit");
        HandlerRunner.Run run = runner.start(recordingHandler(false), null,
                new RecordingTransaction(null, notCommitted));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> await(run.reply()));
        assertSame(notCommitted, failed.getCause());
        awaitDeactivation();
        assertEquals(List.of("activate", "begin", "handle", "commit done", "rollback", "deactivate"), events,
                "the rollback after a failed commit ends whatever is left");
    }

    @Test
    void anAsynchronousHandlerIsNeverRunInATransaction() {
        assertThrows(IllegalArgumentException.class, () -> runner.start(
                async(request -> CompletableFuture.completedFuture(null)), null, new RecordingTransaction(null, null)));
    }
}
