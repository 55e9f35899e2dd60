package org.dialoghook.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dialoghook.Block;
import org.dialoghook.FormBindingException;
import org.dialoghook.HandlerFailure;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.config.HandlerPolicies;
import org.dialoghook.internal.config.HandlerPolicy;
import org.dialoghook.internal.dispatch.HandlerRegistry.RegisteredHandler;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher without a server: the registered handler's reply, the invalid-form reply, the error handler's
 * choice after a failure or a missed deadline, or a failure that carries the error id of its log line; and each
 * outcome counted in the handler's metrics.
 */
class DispatcherTest {

    private static final String FALLBACK = "60db2d02d19a13bc109c5bd4";

    private final List<String> counted = new ArrayList<>();
    private final List<HandlerFailure> failures = new ArrayList<>();
    private CompletableFuture<Reply> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> begun = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> beginning = begun;
    private Optional<Reply> errorHandlerChoice = Optional.empty();
    private HandlerPolicies policies;

    private Dispatcher dispatcher(HandlerPolicy policy) {
        Dispatcher dispatcher = new Dispatcher();
        policies = new HandlerPolicies(policy, Map.of("echo", policy));
        dispatcher.registry = new HandlerRegistry() {
            @Override
            public Optional<RegisteredHandler> find(String name) {
                return name.equals("echo") ? Optional.of(new RegisteredHandler("echo", null, null, false))
                        : Optional.empty();
            }

            @Override
            public Set<String> names() {
                return Set.of("echo");
            }
        };
        dispatcher.runner = new HandlerRunner() {
            @Override
            public Run start(RegisteredHandler handler, WebhookRequest request, HandlerTransaction transaction) {
                return new Run(beginning, outcome);
            }
        };
        dispatcher.errorHandler = (request, failure) -> {
            failures.add(failure);
            return errorHandlerChoice;
        };
        dispatcher.metrics = new HandlerMetrics() {
            @Override
            public void watchReplayStore(java.util.function.LongSupplier leftEarly) {
                counted.add("watching the replay store");
            }

            @Override
            public void succeeded(String handler, long nanos) {
                counted.add("succeeded " + handler);
            }

            @Override
            public void failed(String handler, long nanos) {
                counted.add("failed " + handler);
            }

            @Override
            public void timedOut(String handler, long nanos) {
                counted.add("timed out " + handler);
            }
        };
        return dispatcher;
    }

    private static HandlerPolicy policy(Duration timeout) {
        return new HandlerPolicy(timeout, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static WebhookRequest request(String handler) {
        return new WebhookRequest() {
            @Override
            public String handlerName() {
                return handler;
            }

            @Override
            public String bot() {
                return "default";
            }

            @Override
            public String deliveryId() {
                return "d-1";
            }

            @Override
            public boolean firstDelivery() {
                return true;
            }

            @Override
            public JsonObject formValues() {
                return JsonObject.EMPTY_JSON_OBJECT;
            }

            @Override
            public Optional<String> formValue(String name) {
                return Optional.empty();
            }

            @Override
            public <T> T form(Class<T> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JsonObject parameters() {
                return JsonObject.EMPTY_JSON_OBJECT;
            }

            @Override
            public JsonObject body() {
                return JsonObject.EMPTY_JSON_OBJECT;
            }
        };
    }

    @Test
    void theHandlersReplyIsTheReplyAndIsCounted() {
        Reply reply = new ResponseBuilder().pushText("hello").build();
        outcome.complete(reply);
        assertSame(reply, dispatcher(policy(Duration.ofSeconds(1))).dispatch(request("echo"), policies));
        assertEquals(List.of("succeeded echo"), counted);
    }

    @Test
    void anUnknownHandlerNamesTheRegisteredOnes() {
        UnknownHandlerException unknown = assertThrows(UnknownHandlerException.class,
                () -> dispatcher(policy(Duration.ofSeconds(1))).dispatch(request("nope"), policies));
        assertEquals("nope", unknown.handlerName());
        assertEquals(Set.of("echo"), unknown.registeredNames());
        assertEquals(List.of(), counted);
    }

    @Test
    void aFailureWithoutAFallbackCarriesTheErrorIdTheErrorHandlerSaw() {
        outcome.completeExceptionally(new IllegalStateException("broken"));
        HandlerFailedException failed = assertThrows(HandlerFailedException.class,
                () -> dispatcher(policy(Duration.ofSeconds(1))).dispatch(request("echo"), policies));
        assertEquals(false, failed.timedOut());
        assertEquals(1, failures.size());
        assertEquals(failures.get(0).errorId(), failed.errorId());
        assertTrue(failures.get(0).cause() instanceof IllegalStateException);
        assertEquals(List.of("failed echo"), counted);
    }

    @Test
    void theErrorHandlersReplyAnswersAFailure() {
        outcome.completeExceptionally(new IllegalStateException("broken"));
        errorHandlerChoice = Optional.of(new ResponseBuilder().pushBlockPointer(FALLBACK).build());
        Reply reply = dispatcher(policy(Duration.ofSeconds(1))).dispatch(request("echo"), policies);
        assertEquals(new Block.Pointer(FALLBACK), reply.blocks().get(0));
    }

    @Test
    void aMissedDeadlineIsATimeout() {
        HandlerFailedException failed = assertThrows(HandlerFailedException.class,
                () -> dispatcher(policy(Duration.ofMillis(20))).dispatch(request("echo"), policies));
        assertEquals(true, failed.timedOut());
        assertEquals(true, failures.get(0).timedOut());
        assertEquals(List.of("timed out echo"), counted);
    }

    @Test
    void anErrorHandlerThatFailsTooLeavesTheProblem() {
        outcome.completeExceptionally(new IllegalStateException("broken"));
        Dispatcher dispatcher = dispatcher(policy(Duration.ofSeconds(1)));
        dispatcher.errorHandler = (request, failure) -> {
            throw new IllegalArgumentException("the error handler's own bug");
        };
        assertThrows(HandlerFailedException.class, () -> dispatcher.dispatch(request("echo"), policies));
    }

    @Test
    void aFormThatDoesNotFitIsAnsweredWithItsMessagesAndCounted() {
        outcome.completeExceptionally(new FormBindingException("invalid",
                List.of(new FormBindingException.Problem("email", "that is not an e-mail address")), null));
        Reply reply = dispatcher(policy(Duration.ofSeconds(1))).dispatch(request("echo"), policies);
        assertEquals(new Block.Text("email: that is not an e-mail address"), reply.blocks().get(0));
        assertEquals(List.of("succeeded echo"), counted);
        assertEquals(List.of(), failures);
    }

    /** A transaction whose abandonment the test chooses; it records being abandoned. */
    private HandlerTransaction transaction(java.util.function.BooleanSupplier abandon) {
        return new HandlerTransaction() {
            @Override
            public void begin() {
                throw new UnsupportedOperationException("begun by the runner");
            }

            @Override
            public void commit(Reply reply) {
                throw new UnsupportedOperationException("ended by the runner");
            }

            @Override
            public void rollback() {
                throw new UnsupportedOperationException("ended by the runner");
            }

            @Override
            public boolean abandon() {
                counted.add("abandoned");
                return abandon.getAsBoolean();
            }

            @Override
            public Duration longestBegin() {
                return Duration.ofSeconds(5);
            }
        };
    }

    @Test
    void aMissedDeadlineAbandonsTheHandlersTransaction() {
        HandlerFailedException failed = assertThrows(HandlerFailedException.class, () -> dispatcher(
                policy(Duration.ofMillis(20))).dispatch(request("echo"), policies, transaction(() -> true)));
        assertEquals(true, failed.timedOut());
        assertEquals(List.of("abandoned", "timed out echo"), counted);
    }

    @Test
    void aReplyThatIsBeingCommittedWhenTheDeadlinePassesStands() {
        Reply committed = new ResponseBuilder().pushText("committed").build();
        Reply reply = dispatcher(policy(Duration.ofMillis(20))).dispatch(request("echo"), policies,
                transaction(() -> outcome.complete(committed) && false));
        assertSame(committed, reply);
        assertEquals(List.of("abandoned", "succeeded echo"), counted);
        assertEquals(List.of(), failures, "no failure: the handler's reply is committed");
    }

    @Test
    void whatTheTransactionsBeginningRefusedReachesTheCallerUnchanged() {
        IllegalStateException refusal = new IllegalStateException("answered by an earlier run");
        beginning = CompletableFuture.failedFuture(refusal);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> dispatcher(
                policy(Duration.ofSeconds(1))).dispatch(request("echo"), policies, transaction(() -> true)));
        assertSame(refusal, thrown);
        assertEquals(List.of(), counted, "the handler did not run: nothing to count");
    }
}
