package org.dialoghook.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.auth.BodyDigest;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.config.HandlerPolicies;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.SettingsReader;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.dispatch.Dispatcher;
import org.dialoghook.internal.dispatch.HandlerFailedException;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.internal.dispatch.UnknownHandlerException;
import org.dialoghook.internal.replay.MemoryReplayStore;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.trace.DeliveryTracing;
import org.junit.jupiter.api.Test;

/**
 * The delivery owner without a server: every claim it takes ends, completed with the reply that was sent or
 * released when none came about; a redelivery gets the first reply and its handler does not run again; a token
 * seen before with another body is a delivery of its own.
 */
class DeliveryOwnerTest {

    private static final ReceiverSettings SETTINGS = new SettingsReader(
            name -> Optional.ofNullable(Map.of("dialoghook.secret", "s").get(name))).read(Set.of());

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final JsonSupport JSON = new JsonSupport();
    private static final DeliveryBodyReader BODIES = new DeliveryBodyReader(JSON.provider(), List.of("/handler"), BodyLimits.DEFAULTS);

    private final MemoryReplayStore store = new MemoryReplayStore(100, CLOCK);
    private final AtomicInteger runs = new AtomicInteger();

    /** A dispatcher whose outcome the test chooses, counting its runs. */
    private final class ChosenDispatcher extends Dispatcher {

        private final Function<WebhookRequest, Reply> outcome;

        ChosenDispatcher(Function<WebhookRequest, Reply> outcome) {
            this.outcome = outcome;
        }

        @Override
        public Reply dispatch(WebhookRequest request, HandlerPolicies policies,
                org.dialoghook.internal.dispatch.HandlerTransaction transaction) {
            runs.incrementAndGet();
            return outcome.apply(request);
        }
    }

    /** A registry that knows no handler: a copy waits only the extra two seconds for a first run. */
    private static final class EmptyRegistry extends HandlerRegistry {

        @Override
        public Optional<RegisteredHandler> find(String name) {
            return Optional.empty();
        }
    }

    private DeliveryOwner owner(Function<WebhookRequest, Reply> outcome) {
        DeliveryOwner owner = new DeliveryOwner();
        owner.store = store;
        owner.dispatcher = new ChosenDispatcher(outcome);
        owner.registry = new EmptyRegistry();
        DeliveryTransactions transactions = new DeliveryTransactions();
        transactions.store = store;
        owner.transactions = transactions;
        ReplyWriter replies = new ReplyWriter();
        replies.json = JSON;
        owner.replies = replies;
        ProblemResponder problems = new ProblemResponder();
        problems.json = JSON;
        owner.problems = problems;
        owner.json = JSON;
        owner.clock = CLOCK;
        owner.tracing = DeliveryTracing.OFF;
        return owner;
    }

    private static VerifiedDelivery delivery(String deliveryId, String body) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return new VerifiedDelivery("default", deliveryId, JsonObject.EMPTY_JSON_OBJECT, BODIES.read(raw),
                BodyDigest.sha256(raw), SETTINGS);
    }

    private static Reply text(String text) {
        return new ResponseBuilder().pushText(text).build();
    }

    private static String body(Response response) {
        return new String((byte[]) response.getEntity(), StandardCharsets.UTF_8);
    }

    private static JsonObject problem(Response response) {
        assertEquals("application/problem+json", response.getMediaType().toString());
        return Json.createReader(new StringReader(body(response))).readObject();
    }

    @Test
    void aRedeliveryGetsTheFirstReplyAndTheHandlerRunsOnce() throws Exception {
        DeliveryOwner owner = owner(request -> text("run " + runs.get()));
        VerifiedDelivery delivery = delivery("d-1", "{\"handler\":\"echo\"}");
        Response first = owner.deliver(delivery);
        Response second = owner.deliver(delivery);
        assertEquals(200, first.getStatus());
        assertEquals(body(first), body(second));
        assertNull(first.getHeaderString(DeliveryOwner.REDELIVERY_HEADER));
        assertEquals("true", second.getHeaderString(DeliveryOwner.REDELIVERY_HEADER));
        assertEquals(1, runs.get());
    }

    @Test
    void theSameTokenWithAnotherBodyIsADeliveryOfItsOwn() throws Exception {
        DeliveryOwner owner = owner(request -> {
            if (request.handlerName().equals("nope")) {
                throw new UnknownHandlerException("nope", Set.of("echo"));
            }
            return text("echo ran");
        });
        Response echo = owner.deliver(delivery("t-same", "{\"handler\":\"echo\"}"));
        Response nope = owner.deliver(delivery("t-same", "{\"handler\":\"nope\"}"));
        assertEquals(200, echo.getStatus());
        assertEquals(404, nope.getStatus(), "never the reply of another body");
        assertEquals("urn:dialoghook:problem:unknown-handler", problem(nope).getString("type"));
        assertEquals(2, runs.get());
    }

    @Test
    void aFailureIsAnsweredWithItsProblemAndKeptForRedeliveries() throws Exception {
        DeliveryOwner owner = owner(request -> {
            throw new HandlerFailedException("echo", "error-1", false);
        });
        VerifiedDelivery delivery = delivery("d-2", "{\"handler\":\"echo\"}");
        Response first = owner.deliver(delivery);
        assertEquals(500, first.getStatus());
        assertEquals("urn:dialoghook:problem:handler-failed", problem(first).getString("type"));
        assertEquals("error-1", problem(first).getString("errorId"), "the error id the dispatcher logged");
        assertEquals(body(first), body(owner.deliver(delivery)));
        assertEquals(1, runs.get());
    }

    @Test
    void aTimeoutIsA504() throws Exception {
        Response reply = owner(request -> {
            throw new HandlerFailedException("echo", "error-2", true);
        }).deliver(delivery("d-3", "{\"handler\":\"echo\"}"));
        assertEquals(504, reply.getStatus());
        assertEquals("urn:dialoghook:problem:handler-timed-out", problem(reply).getString("type"));
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorAndItsClaimStillEnds() throws Exception {
        DeliveryOwner owner = owner(request -> {
            throw new IllegalStateException("a bug");
        });
        VerifiedDelivery delivery = delivery("d-4", "{\"handler\":\"echo\"}");
        Response first = owner.deliver(delivery);
        assertEquals(500, first.getStatus());
        assertEquals("urn:dialoghook:problem:internal-error", problem(first).getString("type"));
        Response second = owner.deliver(delivery);
        assertEquals(body(first), body(second), "completed, not left open: the copy gets the reply at once");
    }

    @Test
    void aClaimIsReleasedWhenNoReplyComesAbout() throws Exception {
        DeliveryOwner failing = owner(request -> {
            throw new AssertionError("not even a reply");
        });
        VerifiedDelivery delivery = delivery("d-5", "{\"handler\":\"echo\"}");
        assertThrows(AssertionError.class, () -> failing.deliver(delivery));
        DeliveryOwner working = owner(request -> text("ran"));
        assertEquals(200, working.deliver(delivery).getStatus(), "released: the next copy runs");
        assertEquals(2, runs.get());
    }

    @Test
    void aCopyOfADeliveryStillRunningIsAConflict() throws Exception {
        VerifiedDelivery delivery = delivery("d-6", "{\"handler\":\"echo\"}");
        ReplayStore.Claim running = store.claim(delivery.replayKey(), Duration.ofMinutes(10), Duration.ZERO);
        assertEquals(ReplayStore.Claim.FIRST, running);
        Response copy = owner(request -> text("ran")).deliver(delivery);
        assertEquals(409, copy.getStatus());
        assertEquals("urn:dialoghook:problem:delivery-in-progress", problem(copy).getString("type"));
        assertEquals(0, runs.get());
    }

    @Test
    void theReplayKeyNamesBotTokenAndBodyButHoldsNoToken() throws Exception {
        VerifiedDelivery one = delivery("d-7", "{\"handler\":\"echo\"}");
        VerifiedDelivery other = delivery("d-7", "{\"handler\":\"echo\" }");
        assertEquals(one.replayKey(), delivery("d-7", "{\"handler\":\"echo\"}").replayKey());
        assertNotEquals(one.replayKey(), other.replayKey(), "another body byte is another delivery");
        assertArrayEquals(one.bodyDigest(), BodyDigest.sha256("{\"handler\":\"echo\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
