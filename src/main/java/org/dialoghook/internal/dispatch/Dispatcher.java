package org.dialoghook.internal.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.FormBindingException;
import org.dialoghook.HandlerFailure;
import org.dialoghook.Reply;
import org.dialoghook.WebhookErrorHandler;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.config.HandlerPolicies;
import org.dialoghook.internal.config.HandlerPolicy;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;

/**
 * Runs the handler a verified delivery names, holds it to its deadline, and turns what it did into the
 * reply: its own, the invalid-form reply, the error handler's choice, or a {@link HandlerFailedException}.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    @Inject
    HandlerRegistry registry;

    @Inject
    HandlerRunner runner;

    @Inject
    WebhookErrorHandler errorHandler;

    @Inject
    HandlerMetrics metrics;

    /**
     * Runs the named handler.
     *
     * @param request the verified delivery
     * @param policies the handlers' settings in the snapshot the delivery works from
     * @return the reply to send with status 200
     * @throws UnknownHandlerException when no handler has the name
     * @throws HandlerFailedException when the handler failed or timed out and no fallback reply was chosen
     */
    public Reply dispatch(WebhookRequest request, HandlerPolicies policies) {
        return dispatch(request, policies, null);
    }

    /**
     * Runs the named handler in a transaction begun and ended on the handler's thread. The deadline counts from the
     * transaction's beginning; when it passes, the transaction is abandoned (rolled back once the handler returns).
     *
     * @param request the verified delivery
     * @param policies the handlers' settings in the snapshot the delivery works from
     * @param transaction the transaction the handler joins, or null for none; only for synchronous handlers
     * @return the reply to send with status 200
     * @throws UnknownHandlerException when no handler has the name
     * @throws HandlerFailedException when the handler failed or timed out and no fallback reply was chosen
     * @throws RuntimeException what the transaction's beginning threw, unchanged: the handler did not run
     */
    public Reply dispatch(WebhookRequest request, HandlerPolicies policies, HandlerTransaction transaction) {
        HandlerPolicy policy = policies.policyFor(request.handlerName());
        RegisteredHandler handler = registry.find(request.handlerName()).filter(found -> policy.serves(request.bot()))
                .orElseThrow(() -> new UnknownHandlerException(request.handlerName(), registry.names()));
        HandlerRunner.Run run = runner.start(handler, request, transaction);
        long started = System.nanoTime();
        CompletableFuture<Reply> reply = run.reply();
        try {
            if (transaction != null) {
                awaitBeginning(run, transaction);
                started = System.nanoTime();
            }
            Reply answer = reply.get(policy.timeout().toNanos(), TimeUnit.NANOSECONDS);
            metrics.succeeded(handler.name(), System.nanoTime() - started);
            return answer;
        } catch (TimeoutException e) {
            if (transaction != null && !transaction.abandon()) {
                return committedLate(request, handler, reply, transaction, started);
            }
            metrics.timedOut(handler.name(), System.nanoTime() - started);
            String errorId = newErrorId();
            LOG.log(Level.WARNING, "DH-0504 delivery={0} handler={1} errorId={2}: no reply within {3}",
                    new Object[] {request.deliveryId(), LogText.safe(handler.name()), errorId, policy.timeout()});
            reply.whenComplete((late, error) -> LOG.log(Level.WARNING, "DH-0505 delivery={0} handler={1} errorId={2}: "
                    + "the late {3} was discarded", new Object[] {request.deliveryId(), LogText.safe(handler.name()),
                        errorId, error == null ? "reply" : "failure"}));
            return afterFailure(request, new HandlerFailure(handler.name(), true, null, errorId, policy.fallbackBlock()));
        } catch (ExecutionException e) {
            Throwable cause = InvalidFormReply.unwrap(e.getCause());
            Optional<FormBindingException> invalidForm = InvalidFormReply.in(cause);
            if (invalidForm.isPresent()) {
                // answered with 200 like any reply: counted as a delivery that succeeded
                metrics.succeeded(handler.name(), System.nanoTime() - started);
                return invalidFormReply(request, invalidForm.get(), policy);
            }
            metrics.failed(handler.name(), System.nanoTime() - started);
            String errorId = newErrorId();
            LOG.log(Level.SEVERE, "DH-0500 delivery=" + request.deliveryId() + " handler=" + LogText.safe(handler.name())
                    + " errorId=" + errorId + ": the handler failed", cause);
            return afterFailure(request, new HandlerFailure(handler.name(), false, cause, errorId, policy.fallbackBlock()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.failed(handler.name(), System.nanoTime() - started);
            String errorId = newErrorId();
            LOG.log(Level.WARNING, "DH-0503 delivery={0} handler={1} errorId={2}: interrupted while waiting for the handler",
                    new Object[] {request.deliveryId(), LogText.safe(handler.name()), errorId});
            throw new HandlerFailedException(handler.name(), errorId, false);
        }
    }

    /** Waits for the transaction to begin; what its beginning threw is thrown on unchanged. */
    private static void awaitBeginning(HandlerRunner.Run run, HandlerTransaction transaction)
            throws InterruptedException, TimeoutException {
        try {
            run.begun().get(transaction.longestBegin().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The deadline passed while the handler's reply was being committed: that reply stands. */
    private Reply committedLate(WebhookRequest request, RegisteredHandler handler, CompletableFuture<Reply> reply,
            HandlerTransaction transaction, long started) {
        try {
            Reply answer = reply.get(transaction.longestBegin().toNanos(), TimeUnit.NANOSECONDS);
            metrics.succeeded(handler.name(), System.nanoTime() - started);
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // reported below like any failure of the handler's transaction
        }
        metrics.failed(handler.name(), System.nanoTime() - started);
        String errorId = newErrorId();
        LOG.log(Level.SEVERE, "DH-0506 delivery={0} handler={1} errorId={2}: the handler''s transaction did not end "
                + "after its reply", new Object[] {request.deliveryId(), LogText.safe(handler.name()), errorId});
        throw new HandlerFailedException(handler.name(), errorId, false);
    }

    private Reply afterFailure(WebhookRequest request, HandlerFailure failure) {
        Optional<Reply> chosen;
        try {
            chosen = errorHandler.onFailure(request, failure);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "DH-0501 delivery=" + request.deliveryId() + " handler="
                    + LogText.safe(failure.handlerName()) + " errorId=" + failure.errorId()
                    + ": the error handler failed too", e);
            chosen = Optional.empty();
        }
        if (chosen == null || chosen.isEmpty()) {
            throw new HandlerFailedException(failure.handlerName(), failure.errorId(), failure.timedOut());
        }
        LOG.log(Level.INFO, "DH-0510 delivery={0} handler={1} errorId={2}: answered with the error handler''s reply",
                new Object[] {request.deliveryId(), LogText.safe(failure.handlerName()), failure.errorId()});
        return chosen.get();
    }

    private static Reply invalidFormReply(WebhookRequest request, FormBindingException invalid, HandlerPolicy policy) {
        LOG.log(Level.INFO, "DH-0400 delivery={0} handler={1}: the form does not fit the handler''s type: {2}",
                new Object[] {request.deliveryId(), LogText.safe(request.handlerName()),
                    LogText.safe(invalid.problems().toString())});
        return InvalidFormReply.to(invalid, policy);
    }

    private static String newErrorId() {
        return UUID.randomUUID().toString();
    }
}
