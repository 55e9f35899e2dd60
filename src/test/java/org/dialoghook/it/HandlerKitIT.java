package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.it.handlers.RequestScopedHandler;
import org.dialoghook.it.kit.LateAsyncHandler;
import org.dialoghook.it.kit.LateAsyncWithFallbackHandler;
import org.dialoghook.it.kit.OrderHandler;
import org.dialoghook.it.kit.OutOfStockException;
import org.dialoghook.it.kit.QuickAsyncHandler;
import org.dialoghook.it.kit.ShopErrorHandler;
import org.dialoghook.it.kit.SignupForm;
import org.dialoghook.it.kit.SignupHandler;
import org.dialoghook.it.kit.SignupPointerHandler;
import org.dialoghook.it.kit.SlowHandler;
import org.dialoghook.it.kit.SlowWithFallbackHandler;
import org.dialoghook.testkit.DeliveryReply;
import org.dialoghook.testkit.WebhookClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The handler author's kit on a real server: typed forms with Bean Validation, asynchronous handlers, the
 * deadline with fallback block or 504, and a replaced error handler.
 */
class HandlerKitIT extends WebhookIT {

    private static final String FALLBACK = "aaaaaaaaaaaaaaaaaaaaaaa1";
    private static final String INVALID_FORM = "bbbbbbbbbbbbbbbbbbbbbbb2";

    @Deployment
    static WebArchive deployment() {
        return receiver("kit", Map.of(
                        "dialoghook.secret", SECRET,
                        // a deadline that a cold first delivery (binding and validating a form) meets on a busy
                        // machine; the handlers that are meant to miss theirs get one second
                        "dialoghook.handler.timeout", "PT30S",
                        "dialoghook.handlers.slow.timeout", "PT1S",
                        "dialoghook.handlers.slow-with-fallback.timeout", "PT1S",
                        "dialoghook.handlers.async-late.timeout", "PT1S",
                        "dialoghook.handlers.async-late-with-fallback.timeout", "PT1S",
                        "dialoghook.handlers.slow-with-fallback.fallback-block", FALLBACK,
                        "dialoghook.handlers.async-late-with-fallback.fallback-block", FALLBACK,
                        "dialoghook.handlers.fail.fallback-block", FALLBACK,
                        "dialoghook.handlers.signup-pointer.invalid-form-block", INVALID_FORM),
                SlowHandler.class, SlowWithFallbackHandler.class, QuickAsyncHandler.class, LateAsyncHandler.class,
                LateAsyncWithFallbackHandler.class,
                OrderHandler.class, OutOfStockException.class, ShopErrorHandler.class, SignupForm.class,
                SignupHandler.class, SignupPointerHandler.class, FailingHandler.class, RequestScopedHandler.class);
    }

    private static String firstText(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getJsonArray("blocks").getJsonObject(0).getString("text");
    }

    private static String firstPointer(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return json(response).getJsonArray("blocks").getJsonObject(0).getString("id");
    }

    @Test
    void aValidTypedFormReachesTheHandler() {
        assertEquals("Welcome, Ada (36)", firstText(deliver(signer().handler("signup")
                .formValue("name", Json.createObjectBuilder().add("value", "Ada").build())
                .formValue("age", Json.createValue(36))
                .formValue("email", "ada@example.org").sign())));
    }

    @Test
    void constraintViolationsAreA200ReplyListingTheMessages() {
        assertEquals("age: you must be 18 or older\nemail: that is not an e-mail address\nname: please tell us your name",
                firstText(deliver(signer().handler("signup")
                        .formValue("name", "")
                        .formValue("age", Json.createValue(12))
                        .formValue("email", "not-an-address").sign())));
    }

    @Test
    void aValueOfTheWrongTypeIsReportedNamingTheField() {
        String text = firstText(deliver(signer().handler("signup")
                .formValue("name", "Ada").formValue("age", "thirty").sign()));
        assertTrue(text.startsWith("age: "), text);
    }

    @Test
    void anInvalidFormCanBeAnsweredWithAConfiguredBlock() {
        assertEquals(INVALID_FORM, firstPointer(deliver(signer().handler("signup-pointer")
                .formValue("name", "").formValue("age", Json.createValue(12)).sign())));
    }

    @Test
    void anAsynchronousHandlerThatCompletesInTimeIsAnswered() {
        assertEquals("later: 7", firstText(deliver(signer().handler("async-quick").formValue("n", "7").sign())));
    }

    @Test
    void anAsynchronousHandlerPastTheDeadlineIs504() {
        long start = System.nanoTime();
        JsonObject problem = assertProblem(deliver(signer().handler("async-late").sign()), 504, "handler-timed-out");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 3, "answered at the deadline, not when the handler finished");
        assertTrue(problem.getString("detail").contains("async-late"), problem::toString);
    }

    @Test
    void anAsynchronousHandlerPastTheDeadlineGetsItsFallbackBlock() {
        assertEquals(FALLBACK, firstPointer(deliver(signer().handler("async-late-with-fallback").sign())));
    }

    @Test
    void aSynchronousHandlerPastTheDeadlineIs504() {
        assertProblem(deliver(signer().handler("slow").sign()), 504, "handler-timed-out");
    }

    @Test
    void aHandlerPastTheDeadlineGetsItsFallbackBlock() {
        assertEquals(FALLBACK, firstPointer(deliver(signer().handler("slow-with-fallback").sign())));
    }

    @Test
    void aFailingHandlerGetsItsFallbackBlock() {
        HttpResponse<String> response = deliver(signer().handler("fail").sign());
        assertEquals(FALLBACK, firstPointer(response));
        assertFalse(response.body().contains(FailingHandler.INTERNAL_MESSAGE));
    }

    @Test
    void theReplacedErrorHandlerShapesTheReplyForItsOwnExceptions() {
        HttpResponse<String> response = deliver(signer().handler("order").formValue("item", "the blue kettle").sign());
        assertEquals("Sorry, the blue kettle is out of stock.", firstText(response));
        assertFalse(json(response).getJsonObject("attributes").getString("errorId").isBlank(),
                "the error handler sees the error id the log carries");
    }

    @Test
    void theTestKitClientReadsRepliesAndProblems() throws Exception {
        WebhookClient client = new WebhookClient(uri("/webhook"));
        DeliveryReply reply = client.send(signer().handler("async-quick").formValue("n", "3").sign());
        assertEquals(200, reply.status());
        assertEquals("later: 3", reply.firstText().orElseThrow());
        assertTrue(reply.problem().isEmpty());
        DeliveryReply problem = client.send(signer().handler("nobody").sign());
        assertEquals(404, problem.status());
        assertEquals("urn:dialoghook:problem:unknown-handler", problem.problem().orElseThrow().getString("type"));
        assertTrue(problem.blocks().isEmpty());
    }

    @Test
    void requestScopedHandlersGetARequestContextOnTheExecutor() {
        assertEquals("request-scoped", firstText(deliver(signer().handler("request-scoped").sign())));
    }
}
