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
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        try {
            // the delivery's span is current on the pool thread too, so the handler's own spans nest under it
            executor.execute(tracing.inCurrentContext(() -> runInRequestContext(handler, request, reply)));
        } catch (RejectedExecutionException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    /**
     * Runs the handler in a request context of its own. The controller that activates it is the pool thread's
     * own, made once: one made per delivery cost more than the handler itself (the CDI container resolves its
     * event observers each time). A controller serves its thread's activations one after the other.
     */
    private void runInRequestContext(RegisteredHandler handler, WebhookRequest request, CompletableFuture<Reply> reply) {
        RequestContextController context = threadContexts.get();
        if (context == null) {
            context = requestContexts.get();
            threadContexts.set(context);
        }
        boolean activated = context.activate();
        try {
            if (handler.asyncHandler() != null) {
                runAsync(handler, request, reply);
            } else {
                reply.complete(runSync(handler, request));
            }
        } catch (Exception | Error e) {
            reply.completeExceptionally(e);
        } finally {
            if (activated) {
                context.deactivate();
            }
        }
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
