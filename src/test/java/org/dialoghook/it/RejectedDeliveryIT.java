package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad delivery gets its documented status and a problem+json body, runs no handler, and leaves the
 * server answering normally (checked after each test).
 */
class RejectedDeliveryIT extends WebhookIT {

    /** A server's message id, such as RESTEASY003210 or WFLYCTL0097. */
    private static final Pattern VENDOR_MESSAGE_ID = Pattern.compile("[A-Z][A-Z-]{2,}\\d{3,}");

    @Deployment
    static WebArchive deployment() {
        return receiver("rejected", withSecret(), EchoHandler.class);
    }

    @AfterEach
    void serverStillAnswersNormally() {
        HttpResponse<String> response = deliver(signer().handler("echo").formValue("still", "fine").sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("still=fine", json(response).getJsonArray("blocks").getJsonObject(0).getString("text"));
    }

    private static void assertNoSecretsIn(HttpResponse<String> response, String token) {
        assertFalse(response.body().contains(token), "the token must never be in a reply");
        assertFalse(response.headers().map().toString().contains(token), "the token must never be in a header");
    }

    @Test
    void noTokenIs401WithABareChallenge() {
        HttpResponse<String> response = post("/webhook", signer().sign().body(), "Content-Type", "application/json");
        assertProblem(response, 401, "missing-token");
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void anotherSchemeIs401WithABareChallenge() {
        HttpResponse<String> response = post("/webhook", signer().sign().body(), "Content-Type", "application/json",
                "Authorization", "Basic dXNlcjpwYXNz");
        assertProblem(response, 401, "missing-token");
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    @Test
    void aTokenSignedWithAnotherSecretIs401InvalidToken() {
        SignedDelivery delivery = DeliverySigner.withSecret("not-the-bots-secret-0123456789abcdef").sign();
        HttpResponse<String> response = deliver(delivery);
        JsonObject problem = assertProblem(response, 401, "invalid-token");
        assertEquals("Bearer error=\"invalid_token\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(problem.getString("detail").contains("signature"), problem::toString);
        assertNoSecretsIn(response, delivery.token());
    }

    @Test
    void anExpiredTokenIs401() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        SignedDelivery delivery = signer().clock(anHourAgo).lifetime(Duration.ofMinutes(5)).sign();
        JsonObject problem = assertProblem(deliver(delivery), 401, "invalid-token");
        assertTrue(problem.getString("detail").contains("expired"), problem::toString);
    }

    @Test
    void aTokenNotValidYetIs401() {
        SignedDelivery delivery = signer().notBefore(Instant.now().plus(Duration.ofMinutes(10))).sign();
        assertProblem(deliver(delivery), 401, "invalid-token");
    }

    @Test
    void aBodyChangedAfterSigningIs401() {
        SignedDelivery delivery = signer().handler("echo").formValue("amount", "10").sign();
        String tampered = delivery.body().replace("10", "99");
        HttpResponse<String> response = post("/webhook", tampered, "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token());
        JsonObject problem = assertProblem(response, 401, "invalid-token");
        assertTrue(problem.getString("detail").contains("body_sha256"), problem::toString);
    }

    @Test
    void anHs512TokenIsRefusedByDefault() {
        assertProblem(deliver(signer().algorithm("HS512").sign()), 401, "invalid-token");
    }

    @Test
    void twoAuthorizationHeadersAre401() {
        SignedDelivery delivery = signer().sign();
        HttpResponse<String> response = post("/webhook", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token(), "Authorization", "Bearer " + delivery.token());
        assertProblem(response, 401, "invalid-token");
        assertNoSecretsIn(response, delivery.token());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"handler\":\"echo\",\"formValues\":{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}}";
        SignedDelivery delivery = signer().rawBody(big).sign();
        assertProblem(deliver(delivery), 413, "body-too-large");
    }

    @Test
    void aBodyOverTheLimitIs413EvenWithTheWrongMediaType() {
        String big = "x".repeat(1024 * 1024 + 1);
        assertProblem(post("/webhook", big, "Content-Type", "text/plain"), 413, "body-too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
        "application/json; charset=ISO-8859-1", "not a media type"})
    void aBodyThatIsNotJsonIs415(String contentType) {
        SignedDelivery delivery = signer().sign();
        HttpResponse<String> response = post("/webhook", delivery.body(), "Content-Type", contentType,
                "Authorization", "Bearer " + delivery.token());
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        SignedDelivery delivery = signer().sign();
        HttpResponse<String> response = post("/webhook", delivery.body(), "Authorization", "Bearer " + delivery.token());
        assertProblem(response, 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"handler\":", "[1,2]", "42", "null", "\"echo\"", "{}", "{\"handler\":\"\"}",
        "{\"handler\":7}", "{\"handler\":\"echo\",\"formValues\":[]}", "{\"handler\":\"echo\",\"formValues\":\"a\"}",
        "{\"handler\":\"echo\",\"formValues\":null}", "", "{\"handler\":\"echo\"} trailing", "{\"handler\":\"echo\"}{}"})
    void aBodyOfTheWrongShapeIs400(String body) {
        assertProblem(deliver(signer().rawBody(body).sign()), 400, "malformed-delivery");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"handler\":\"ec\\r\\nho\"}", "{\"handler\":\"echo\",\"handler\":\"other\"}",
        "{\"handler\":\"echo\",\"n\":1e400}", "{\"handler\":\"echo\",\"n\":12345678901234567890123}"})
    void aBodyBreakingAnInputLimitIs400(String body) {
        assertProblem(deliver(signer().rawBody(body).sign()), 400, "malformed-delivery");
    }

    @Test
    void aBodyNestedTooDeeplyIs400() {
        String deep = "[".repeat(40) + "]".repeat(40);
        assertProblem(deliver(signer().rawBody("{\"handler\":\"echo\",\"x\":" + deep + "}").sign()), 400,
                "malformed-delivery");
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        byte[] body = "{\"handler\":\"echo\",\"formValues\":{\"x\":\"??\"}}".getBytes(StandardCharsets.US_ASCII);
        body[body.length - 5] = (byte) 0xC3;
        body[body.length - 4] = (byte) 0x28;
        SignedDelivery delivery = signer().binding(DeliverySigner.Binding.NONE).sign();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhook"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                "Content-Type", "application/json", "Authorization", "Bearer " + delivery.token());
        assertTrue(assertProblem(response, 400, "malformed-delivery").getString("detail").contains("UTF-8"));
    }

    @Test
    void aFormValueWithALineBreakIsAnsweredAndStaysOneValue() {
        HttpResponse<String> response = deliver(signer().handler("echo").formValue("note", "one\r\nDH-9999 forged").sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("note=one\r\nDH-9999 forged", json(response).getJsonArray("blocks").getJsonObject(0).getString("text"));
    }

    @Test
    void anUnknownHandlerIs404NamingIt() {
        JsonObject problem = assertProblem(deliver(signer().handler("no-such-handler").sign()), 404, "unknown-handler");
        assertTrue(problem.getString("detail").contains("'no-such-handler'"), problem::toString);
        assertFalse(problem.getString("detail").contains("echo"), "the registered names go to the log, not the reply");
    }

    @Test
    void aNarrowAcceptHeaderDoesNotRefuseADelivery() {
        SignedDelivery delivery = signer().handler("echo").sign();
        HttpResponse<String> response = post("/webhook", delivery.body(), "Content-Type", "application/json",
                "Accept", "application/problem+json", "Authorization", "Bearer " + delivery.token());
        assertEquals(200, response.statusCode(), response::body);
    }

    @Test
    void anUnconfiguredBotIs404AndNothingRuns() {
        SignedDelivery delivery = signer().handler("echo").sign();
        HttpResponse<String> response = post("/webhook/sales", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token());
        JsonObject problem = assertProblem(response, 404, "not-found");
        assertTrue(problem.getString("detail").contains("sales"), problem::toString);
    }

    @Test
    void theRuntimesOwn404And405CarryTheReceiversDetailNotTheServersMessage() {
        SignedDelivery delivery = signer().handler("echo").sign();
        List<JsonObject> problems = List.of(
                assertProblem(send(HttpRequest.newBuilder(uri("/nothing-here")).GET()), 404, "not-found"),
                assertProblem(post("/nothing-here", delivery.body(), "Content-Type", "application/json",
                        "Authorization", "Bearer " + delivery.token()), 404, "not-found"),
                assertProblem(send(HttpRequest.newBuilder(uri("/webhook")).GET()), 405, "method-not-allowed"),
                assertProblem(send(HttpRequest.newBuilder(uri("/webhook/default")).DELETE()), 405, "method-not-allowed"));
        for (JsonObject problem : problems) {
            String detail = problem.getString("detail");
            assertFalse(detail.contains("localhost") || detail.contains("http:") || detail.contains("nothing-here"),
                    () -> "no request URL in " + detail);
            assertFalse(VENDOR_MESSAGE_ID.matcher(detail).find(), () -> "no server message id in " + detail);
        }
        assertEquals("There is nothing at this path; deliveries go to POST /webhook or POST /webhook/{bot}.",
                problems.get(0).getString("detail"));
        assertEquals("This method is not allowed here; deliveries are sent with POST.", problems.get(2).getString("detail"));
    }

    @Test
    void theRuntimesOwn404And405AreProblemsToo() {
        assertProblem(send(HttpRequest.newBuilder(uri("/nothing-here")).GET()), 404, "not-found");
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/webhook")).GET());
        assertProblem(get, 405, "method-not-allowed");
        assertTrue(get.headers().firstValue("Allow").orElse("").contains("POST"), get.headers()::toString);
    }
}
