package org.dialoghook.internal.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.Reply;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.config.HandlerPolicy;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DefaultWebhookRequest;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.LogText;
import org.dialoghook.internal.delivery.ProblemKind;
import org.dialoghook.internal.dispatch.Dispatcher;
import org.dialoghook.internal.dispatch.HandlerFailedException;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.internal.dispatch.UnknownHandlerException;
import org.dialoghook.internal.replay.ReplayInProgressException;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.replay.ReplayStoreFailedException;
import org.dialoghook.internal.replay.StoredReply;
import org.dialoghook.internal.trace.DeliveryTrace;
import org.dialoghook.internal.trace.DeliveryTracing;

/**
 * Owns a verified delivery from its claim in the replay store to its stored reply, in one scope: claims it (a
 * redelivery is answered with the reply its first run got, and ends here), runs its handler through the
 * dispatcher, turns the outcome into the reply or a problem, and then completes the claim with that reply, or
 * releases it should no reply come about, so that every claim ends whatever happens.
 */
@ApplicationScoped
public class DeliveryOwner {

    /** The header that marks a reply sent again to a redelivery. */
    static final String REDELIVERY_HEADER = "Dialoghook-Redelivery";

    private static final Logger LOG = Logger.getLogger(DeliveryOwner.class.getName());
    private static final Duration EXTRA_WAIT = Duration.ofSeconds(2);
    private static final Duration LONGEST_WINDOW = Duration.ofDays(1);

    @Inject
    ReplayStore store;

    @Inject
    Dispatcher dispatcher;

    @Inject
    DeliveryTransactions transactions;

    @Inject
    HandlerRegistry registry;

    @Inject
    ReplyWriter replies;

    @Inject
    ProblemResponder problems;

    @Inject
    JsonSupport json;

    @Inject
    Clock clock;

    @Inject
    DeliveryTracing tracing;

    /**
     * Answers a verified delivery.
     *
     * @param delivery what the token filter verified
     * @return the reply to send: the handler's, a problem, or the reply of the delivery's first run
     */
    public Response deliver(VerifiedDelivery delivery) {
        try (DeliveryTrace trace = tracing.open(delivery.bot(), delivery.deliveryId(), delivery.body().handlerName())) {
            return deliver(delivery, trace);
        }
    }

    private Response deliver(VerifiedDelivery delivery, DeliveryTrace trace) {
        String key = delivery.replayKey();
        Duration window = window(delivery);
        Duration wait = longestWait(delivery);
        Optional<RecordInHandlerTransaction> transaction = transactions.open(delivery, key, window, wait);
        if (transaction.isPresent()) {
            return deliverInTransaction(delivery, trace, transaction.get());
        }
        ReplayStore.Claim claim;
        try {
            claim = store.claim(key, window, wait);
        } catch (ReplayInProgressException e) {
            return inProgress(delivery, trace);
        } catch (ReplayStoreFailedException e) {
            return storeFailed(delivery, trace, e);
        }
        if (claim.earlierReply().isPresent()) {
            return redelivery(delivery, trace, claim.earlierReply().get());
        }
        StoredReply reply = null;
        try {
            reply = run(delivery, claim.seenBefore() ? () -> false : () -> true, trace, null);
            return response(reply).build();
        } finally {
            if (reply != null) {
                keep(delivery, key, reply, window);
            } else {
                releaseQuietly(delivery, key);
            }
        }
    }

    /**
     * The record is written in the handler's transaction, which the handler's thread begins with the claim and ends:
     * nothing is left to complete or release here.
     */
    private Response deliverInTransaction(VerifiedDelivery delivery, DeliveryTrace trace,
            RecordInHandlerTransaction transaction) {
        StoredReply reply;
        try {
            reply = run(delivery, transaction::firstDelivery, trace, transaction);
        } catch (EarlierReplyFound e) {
            return redelivery(delivery, trace, e.reply());
        } catch (ReplayInProgressException e) {
            return inProgress(delivery, trace);
        } catch (ReplayStoreFailedException e) {
            return storeFailed(delivery, trace, e);
        }
        if (transaction.markedRollbackOnly()) {
            LOG.log(Level.INFO, "DH-0623 delivery={0} handler={1}: the handler marked its transaction rollback-only; "
                    + "its reply is sent but not kept, so a redelivery runs it again", new Object[] {
                        delivery.deliveryId(), LogText.safe(delivery.body().handlerName())});
        }
        return response(reply).build();
    }

    private Response redelivery(VerifiedDelivery delivery, DeliveryTrace trace, StoredReply earlier) {
        LOG.log(Level.INFO, "DH-0610 delivery={0} handler={1}: a redelivery, answered with the reply of the first run",
                new Object[] {delivery.deliveryId(), LogText.safe(delivery.body().handlerName())});
        trace.outcome(DeliveryTrace.REDELIVERY, earlier.status());
        return response(earlier).header(REDELIVERY_HEADER, "true").build();
    }

    private Response inProgress(VerifiedDelivery delivery, DeliveryTrace trace) {
        Problem inProgress = problems.record(ProblemKind.DELIVERY_IN_PROGRESS,
                "This delivery is still being handled; send it again later.", "", null, delivery.deliveryId(),
                delivery.body().handlerName());
        trace.problem(inProgress.kind().type(), inProgress.getStatus());
        return problems.response(inProgress).build();
    }

    private Response storeFailed(VerifiedDelivery delivery, DeliveryTrace trace, ReplayStoreFailedException failure) {
        Problem unavailable = problems.record(ProblemKind.REPLAY_STORE_UNAVAILABLE,
                "The replay store cannot be reached, so the delivery was not run; send it again later. The log has "
                        + "the details under this errorId.", "", failure, delivery.deliveryId(),
                delivery.body().handlerName());
        trace.problem(unavailable.kind().type(), unavailable.getStatus());
        return problems.response(unavailable).build();
    }

    private void releaseQuietly(VerifiedDelivery delivery, String key) {
        try {
            store.release(key);
        } catch (ReplayStoreFailedException e) {
            LOG.log(Level.WARNING, "DH-0625 delivery={0} handler={1}: its claim could not be given up ({2}); a "
                    + "redelivery is answered 409 until the replay window ends", new Object[] {delivery.deliveryId(),
                        LogText.safe(delivery.body().handlerName()), e.getMessage()});
        }
    }

    /** Completes the claim with the reply; one the store cannot keep is answered but not remembered. */
    private void keep(VerifiedDelivery delivery, String key, StoredReply reply, Duration window) {
        boolean kept;
        try {
            kept = store.complete(key, reply, window);
        } catch (ReplayStoreFailedException e) {
            LOG.log(Level.WARNING, "DH-0626 delivery={0} handler={1}: its reply could not be kept ({2}); it is sent, "
                    + "and a redelivery is answered 409 until the replay window ends", new Object[] {
                        delivery.deliveryId(), LogText.safe(delivery.body().handlerName()), e.getMessage()});
            return;
        }
        if (!kept) {
            LOG.log(Level.WARNING, "DH-0604 delivery={0} handler={1}: the reply, {2} bytes, is larger than the replay "
                    + "store keeps; a redelivery of it runs its handler again", new Object[] {delivery.deliveryId(),
                        LogText.safe(delivery.body().handlerName()), String.valueOf(reply.body().length)});
        }
    }

    /** Runs the handler and turns what came of it into the reply to send and keep. */
    private StoredReply run(VerifiedDelivery delivery, BooleanSupplier firstDelivery, DeliveryTrace trace,
            RecordInHandlerTransaction transaction) {
        String handler = delivery.body().handlerName();
        try {
            Reply answer = dispatcher.dispatch(new DefaultWebhookRequest(delivery.bot(), delivery.deliveryId(),
                    delivery.body(), json.provider(), json.forms(), firstDelivery), delivery.settings().handlers(),
                    transaction);
            StoredReply reply = transaction == null ? null : transaction.kept().orElse(null);
            if (reply == null) {
                reply = new StoredReply(200, MediaType.APPLICATION_JSON, replies.toJson(answer));
            }
            trace.outcome(DeliveryTrace.REPLIED, reply.status());
            return reply;
        } catch (EarlierReplyFound | ReplayInProgressException | ReplayStoreFailedException e) {
            // the transaction's beginning refused the run: the caller answers it
            throw e;
        } catch (UnknownHandlerException e) {
            return stored(problems.record(ProblemKind.UNKNOWN_HANDLER, e.getMessage(),
                    " Registered handlers: " + new TreeSet<>(e.registeredNames()), null, delivery.deliveryId(), handler),
                    trace);
        } catch (HandlerFailedException e) {
            // the dispatcher logged the failure under this error id already
            ProblemKind kind = e.timedOut() ? ProblemKind.HANDLER_TIMED_OUT : ProblemKind.HANDLER_FAILED;
            return stored(new Problem(kind, e.getMessage() + " The log has the details under this errorId.", e.errorId()),
                    trace);
        } catch (RuntimeException e) {
            return stored(problems.record(ProblemKind.INTERNAL_ERROR,
                    "The receiver failed; the log has the details under this errorId.", "", e, delivery.deliveryId(),
                    handler), trace);
        }
    }

    private StoredReply stored(Problem problem, DeliveryTrace trace) {
        trace.problem(problem.kind().type(), problem.getStatus());
        return new StoredReply(problem.getStatus(), Problem.MEDIA_TYPE, problems.toJson(problem));
    }

    private static Response.ResponseBuilder response(StoredReply reply) {
        return Response.status(reply.status()).type(reply.mediaType()).entity(reply.body());
    }

    /** How long a copy waits for a first run still going: the handler's deadline and a little more. */
    private Duration longestWait(VerifiedDelivery delivery) {
        String handler = delivery.body().handlerName();
        return registry.find(handler).map(found -> delivery.settings().handlers().policyFor(handler))
                .map(HandlerPolicy::timeout).orElse(Duration.ZERO).plus(EXTRA_WAIT);
    }

    /** The replay window, never shorter than what is left of the token's own lifetime, and at most a day. */
    private Duration window(VerifiedDelivery delivery) {
        ReceiverSettings settings = delivery.settings();
        Duration window = settings.replay().window();
        if (delivery.claims().get("exp") instanceof JsonNumber exp) {
            Duration lifetime = Duration.ofSeconds(exp.longValue() - clock.instant().getEpochSecond())
                    .plus(settings.bot(delivery.bot()).orElse(settings.defaultBot()).token().clockSkew());
            if (lifetime.compareTo(window) > 0) {
                window = lifetime.compareTo(LONGEST_WINDOW) > 0 ? LONGEST_WINDOW : lifetime;
            }
        }
        return window;
    }
}
