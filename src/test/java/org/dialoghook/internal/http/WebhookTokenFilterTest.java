package org.dialoghook.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dialoghook.internal.auth.TestVerifiers;
import org.dialoghook.internal.auth.VerifiedDelivery;
import org.dialoghook.internal.auth.WebhookBots;
import org.dialoghook.internal.capture.TestCaptures;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.SettingsReader;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.trace.DeliveryTracing;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.junit.jupiter.api.Test;

/**
 * The token filter without a server: what reaches the resource, and the refusal, in the documented order, of
 * everything else, each answered with its problem kind's status, headers and problem+json body.
 */
class WebhookTokenFilterTest {

    private static final String SECRET = "unit-test-secret-of-the-default-bot-42";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private static WebhookTokenFilter filter(Map<String, String> values) {
        ReceiverSettings settings = new SettingsReader(name -> Optional.ofNullable(values.get(name))).read(Set.of("echo"));
        JsonSupport json = new JsonSupport();
        WebhookBots bots = TestVerifiers.bots(settings, json, CLOCK);
        WebhookTokenFilter filter = new WebhookTokenFilter();
        filter.settings = new LiveSettings(settings);
        filter.verifier = TestVerifiers.verifier(bots);
        filter.capture = TestCaptures.capture(settings, bots, json, CLOCK);
        ProblemResponder problems = new ProblemResponder();
        problems.json = json;
        filter.problems = problems;
        filter.tracing = DeliveryTracing.OFF;
        return filter;
    }

    private static WebhookTokenFilter filter() {
        Map<String, String> values = new HashMap<>();
        values.put("dialoghook.secret", SECRET);
        values.put("dialoghook.max-body-bytes", "200");
        values.put("dialoghook.bots", "sales,pending");
        values.put("dialoghook.bots.sales.secret", "the-sales-bot-secret-0123456789abcdef");
        return filter(values);
    }

    private static SignedDelivery delivery() {
        return DeliverySigner.withSecret(SECRET).clock(CLOCK).jti("d-1").handler("echo").formValue("name", "Ada").sign();
    }

    private static FakeRequest request(SignedDelivery delivery) {
        return new FakeRequest().header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token()).body(delivery.body());
    }

    private static FakeRequest run(FakeRequest request) throws Exception {
        filter().filter(request.context());
        return request;
    }

    /** Asserts that the filter refused the request with this status and problem type, and returns the body. */
    private static JsonObject refused(FakeRequest request, int status, String slug) {
        assertNotNull(request.aborted, "the request was let through");
        assertNull(request.properties.get(VerifiedDelivery.PROPERTY), "a refused delivery never reaches the resource");
        assertEquals(status, request.aborted.getStatus());
        assertEquals(Problem.MEDIA_TYPE, request.aborted.getMediaType().toString());
        JsonObject problem = Json.createReader(new StringReader(
                new String((byte[]) request.aborted.getEntity(), StandardCharsets.UTF_8))).readObject();
        assertEquals("urn:dialoghook:problem:" + slug, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("detail").isBlank());
        assertFalse(problem.getString("errorId").isBlank());
        return problem;
    }

    @Test
    void aVerifiedDeliveryReachesTheResource() throws Exception {
        FakeRequest request = run(request(delivery()));
        assertNull(request.aborted);
        VerifiedDelivery verified = (VerifiedDelivery) request.properties.get(VerifiedDelivery.PROPERTY);
        assertEquals("default", verified.bot());
        assertEquals("d-1", verified.deliveryId());
        assertEquals("echo", verified.body().handlerName());
    }

    @Test
    void aNamedBotsDeliveryIsVerifiedWithItsOwnSecret() throws Exception {
        SignedDelivery sales = DeliverySigner.withSecret("the-sales-bot-secret-0123456789abcdef").clock(CLOCK)
                .handler("echo").sign();
        FakeRequest request = run(request(sales).bot("sales"));
        assertEquals("sales", ((VerifiedDelivery) request.properties.get(VerifiedDelivery.PROPERTY)).bot());
        refused(run(request(delivery()).bot("sales")), 401, "invalid-token");
    }

    @Test
    void aBodyOverTheLimitIsRefusedFirstAndTheConnectionClosed() throws Exception {
        String big = "{\"handler\":\"echo\",\"x\":\"" + "a".repeat(300) + "\"}";
        FakeRequest request = run(new FakeRequest().header("Content-Type", "text/plain").body(big));
        refused(request, 413, "body-too-large");
        assertEquals("close", request.aborted.getHeaderString("Connection"));
        FakeRequest undeclared = run(new FakeRequest().header("Content-Type", "application/json")
                .bodyWithoutLength(big.getBytes(StandardCharsets.UTF_8)));
        refused(undeclared, 413, "body-too-large");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedBeforeTheToken() throws Exception {
        refused(run(new FakeRequest().body("{}")), 415, "unsupported-media-type");
        refused(run(new FakeRequest().header("Content-Type", "text/plain").body("{}")), 415, "unsupported-media-type");
        refused(run(new FakeRequest().header("Content-Type", "application/json; charset=latin1").body("{}")), 415,
                "unsupported-media-type");
        refused(run(new FakeRequest().header("Content-Type", "application json").body("{}")), 415,
                "unsupported-media-type");
    }

    @Test
    void jsonMediaTypesWithParametersAreAccepted() throws Exception {
        for (String type : new String[] {"application/json; charset=UTF-8", "APPLICATION/JSON",
            "application/vnd.logicdialog+json", "application/json;charset=\"utf-8\""}) {
            SignedDelivery delivery = delivery();
            FakeRequest request = new FakeRequest().header("Content-Type", type)
                    .header("Authorization", "Bearer " + delivery.token()).body(delivery.body());
            assertNull(run(request).aborted, type);
        }
    }

    @Test
    void anUnknownBotIsNotFoundAndABotWithoutASecretToo() throws Exception {
        refused(run(request(delivery()).bot("marketing")), 404, "not-found");
        refused(run(request(delivery()).bot("pending")), 404, "not-found");
    }

    @Test
    void theDefaultBotWithoutASecretIsNotConfigured() throws Exception {
        FakeRequest request = request(delivery());
        filter(Map.of()).filter(request.context());
        refused(request, 503, "not-configured");
    }

    @Test
    void aMissingTokenIsChallengedWithoutAnErrorCode() throws Exception {
        FakeRequest request = run(new FakeRequest().header("Content-Type", "application/json").body(delivery().body()));
        refused(request, 401, "missing-token");
        assertEquals("Bearer", request.aborted.getHeaderString("WWW-Authenticate"));
        FakeRequest basic = run(new FakeRequest().header("Content-Type", "application/json")
                .header("Authorization", "Basic YTpi").body(delivery().body()));
        refused(basic, 401, "missing-token");
    }

    @Test
    void aRefusedTokenIsChallengedAsInvalid() throws Exception {
        SignedDelivery forged = DeliverySigner.withSecret("another-secret-entirely-0123456789").clock(CLOCK)
                .handler("echo").sign();
        FakeRequest request = run(request(forged));
        JsonObject problem = refused(request, 401, "invalid-token");
        assertEquals("Bearer error=\"invalid_token\"", request.aborted.getHeaderString("WWW-Authenticate"));
        assertFalse(problem.toString().contains(forged.token()), "the token is never echoed");
        assertFalse(problem.toString().contains(SECRET), "the secret is never echoed");
    }

    @Test
    void twoAuthorizationHeadersOrTwoTokensAreRefused() throws Exception {
        SignedDelivery delivery = delivery();
        refused(run(request(delivery).header("Authorization", "Bearer " + delivery.token())), 401, "invalid-token");
        refused(run(new FakeRequest().header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token() + " " + delivery.token()).body(delivery.body())),
                401, "invalid-token");
    }

    @Test
    void aBodyTheTokenDoesNotVouchForIsRefusedAsAnInvalidToken() throws Exception {
        SignedDelivery delivery = delivery();
        FakeRequest request = new FakeRequest().header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token()).body(delivery.body().replace("Ada", "Eve"));
        refused(run(request), 401, "invalid-token");
    }

    @Test
    void aBodyOfTheWrongShapeIsMalformedOnceTheTokenIsVerified() throws Exception {
        SignedDelivery array = DeliverySigner.withSecret(SECRET).clock(CLOCK).rawBody("[1,2]").sign();
        refused(run(request(array)), 400, "malformed-delivery");
        SignedDelivery noHandler = DeliverySigner.withSecret(SECRET).clock(CLOCK).rawBody("{\"formValues\":{}}").sign();
        refused(run(request(noHandler)), 400, "malformed-delivery");
    }
}
