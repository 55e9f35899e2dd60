package org.dialoghook.internal.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;
import org.dialoghook.internal.trace.DeliveryTracing;

/**
 * Runs a handler on a pool of the server's managed threads, inside a request context of its own, and gives
 * its reply as a future the dispatcher can hold to a deadline. Dependent handler instances are destroyed
 * once their reply is there.
 *
 * <p>The handler runs in the tracing context of the delivery that started it (see {@link DeliveryTracing}).
 *
 * <p>The pool is the receiver's own (made from the default {@code ManagedThreadFactory}, so its threads carry
 * the application's context) rather than the server's default executor, whose size differs from server to
 * server: up to {@value #MAX_CONCURRENT_HANDLERS} handlers run at once and further deliveries wait in line.
 */
@ApplicationScoped
public class HandlerRunner {

    /** How many handlers may run at once; further deliveries wait in the pool's queue. */
    public static final int MAX_CONCURRENT_HANDLERS = 64;

    private static final int MAX_WAITING = 10_000;

    /** The beginning of every run without a transaction: there is nothing to wait for. */
    private static final CompletableFuture<Void> BEGUN = CompletableFuture.completedFuture(null);

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    /** Each pool thread's own controller of its request contexts, made on its first handler and kept. */
    private final ThreadLocal<RequestContextController> threadContexts = new ThreadLocal<>();

    private ThreadPoolExecutor executor;

    @PostConstruct
    void startPool() {
        executor = new ThreadPoolExecutor(MAX_CONCURRENT_HANDLERS, MAX_CONCURRENT_HANDLERS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_WAITING), this::newPoolThread);
        executor.allowCoreThreadTimeOut(true);
    }

    /** A managed thread that gives its request-context controller back when it leaves the pool. */
    private Thread newPoolThread(Runnable work) {
        return threads.newThread(() -> {
            try {
                work.run();
            } finally {
                RequestContextController context = threadContexts.get();
                if (context != null) {
                    threadContexts.remove();
                    destroyQuietly(context);
                }
            }
        });
    }

    /** A thread that leaves the pool as the application stops may find the container already gone. */
    private void destroyQuietly(RequestContextController context) {
        try {
            requestContexts.destroy(context);
        } catch (RuntimeException e) {
            // the container discards its instances itself when it stops
        }
    }

    @PreDestroy
    void stopPool() {
        executor.shutdownNow();
    }

    @Inject
    Instance<RequestContextController> requestContexts;

    @Inject
    DeliveryTracing tracing;

    /**
     * Starts a handler.
     *
     * @param handler the registered handler
     * @param request the delivery
     * @return its reply, completed exceptionally with what the handler threw when it failed
     */
    public CompletableFuture<Reply> start(RegisteredHandler handler, WebhookRequest request) {
        return start(handler, request, null).reply();
    }

    /**
     * Starts a handler in a transaction that is begun and ended on the handler's thread.
     *
     * @param handler the registered handler, a synchronous one when there is a transaction
     * @param request the delivery
     * @param transaction the transaction the handler joins, or null for none
     * @return the run: its beginning, then its reply
     */
    public Run start(RegisteredHandler handler, WebhookRequest request, HandlerTransaction transaction) {
        if (transaction != null && handler.asyncHandler() != null) {
            throw new IllegalArgumentException("an asynchronous handler's work is on no one thread's transaction");
        }
        Run run = new Run(transaction == null ? BEGUN : new CompletableFuture<>(), new CompletableFuture<>());
        try {
            // the delivery's span is current on the pool thread too, so the handler's own spans nest under it
            executor.execute(tracing.inCurrentContext(() -> runInRequestContext(handler, request, transaction, run)));
        } catch (RejectedExecutionException e) {
            // nothing began: the dispatcher answers it as the handler's failure
            run.begun().complete(null);
            run.reply().completeExceptionally(e);
        }
        return run;
    }

    /**
     * A handler's run.
     *
     * @param begun completes once its transaction has begun (at once without one), or exceptionally with what the
     *        beginning threw: the handler then does not run
     * @param reply completes with the handler's reply, or exceptionally with what it threw
     */
    public record Run(CompletableFuture<Void> begun, CompletableFuture<Reply> reply) {
    }

    /**
     * Runs the handler in a request context of its own. The controller that activates it is the pool thread's
     * own, made once: one made per delivery cost more than the handler itself (the CDI container resolves its
     * event observers each time). A controller serves its thread's activations one after the other.
     */
    private void runInRequestContext(RegisteredHandler handler, WebhookRequest request, HandlerTransaction transaction,
            Run run) {
        RequestContextController context = threadContexts.get();
        if (context == null) {
            context = requestContexts.get();
            threadContexts.set(context);
        }
        boolean activated = context.activate();
        try {
            if (handler.asyncHandler() != null) {
                run.begun().complete(null);
                runAsync(handler, request, run.reply());
            } else if (transaction == null) {
                run.begun().complete(null);
                run.reply().complete(runSync(handler, request));
            } else {
                runInTransaction(handler, request, transaction, run);
            }
        } catch (Exception | Error e) {
            run.begun().complete(null);
            run.reply().completeExceptionally(e);
        } finally {
            if (activated) {
                context.deactivate();
            }
        }
    }

    /** Begins the transaction, runs the handler in it, and ends it, all on this thread. */
    private static void runInTransaction(RegisteredHandler handler, WebhookRequest request,
            HandlerTransaction transaction, Run run) {
        try {
            transaction.begin();
        } catch (RuntimeException | Error e) {
            run.begun().completeExceptionally(e);
            run.reply().completeExceptionally(e);
            return;
        }
        run.begun().complete(null);
        Reply reply;
        try {
            reply = runSync(handler, request);
            transaction.commit(reply);
        } catch (Exception | Error e) {
            transaction.rollback();
            run.reply().completeExceptionally(e);
            return;
        }
        run.reply().complete(reply);
    }

    private static Reply runSync(RegisteredHandler handler, WebhookRequest request) throws Exception {
        Instance.Handle<WebhookHandler> instance = handler.handler().getHandle();
        try {
            ResponseBuilder response = new ResponseBuilder();
            instance.get().handle(request, response);
            return response.build();
        } finally {
            if (handler.dependent()) {
                instance.destroy();
            }
        }
    }

    private static void runAsync(RegisteredHandler handler, WebhookRequest request, CompletableFuture<Reply> reply)
            throws Exception {
        Instance.Handle<AsyncWebhookHandler> instance = handler.asyncHandler().getHandle();
        CompletionStage<Reply> stage;
        try {
            stage = instance.get().handle(request);
        } catch (Exception | Error e) {
            destroyIfDependent(handler, instance);
            throw e;
        }
        if (stage == null) {
            destroyIfDependent(handler, instance);
            throw new IllegalStateException("the asynchronous handler '" + handler.name() + "' returned no stage");
        }
        stage.whenComplete((result, error) -> {
            destroyIfDependent(handler, instance);
            if (error != null) {
                reply.completeExceptionally(error);
            } else if (result == null) {
                reply.completeExceptionally(new IllegalStateException(
                        "the asynchronous handler '" + handler.name() + "' completed without a reply"));
            } else {
                reply.complete(result);
            }
        });
    }

    private static void destroyIfDependent(RegisteredHandler handler, Instance.Handle<?> instance) {
        if (handler.dependent()) {
            instance.destroy();
        }
    }
}
