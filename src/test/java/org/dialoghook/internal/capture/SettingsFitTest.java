package org.dialoghook.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dialoghook.internal.auth.BodyBinding;
import org.dialoghook.internal.auth.BotTokenVerifier;
import org.dialoghook.internal.auth.InvalidTokenException;
import org.dialoghook.internal.auth.TokenVerifier;
import org.dialoghook.internal.auth.WebhookBots.DeliveryChecks;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.ProblemKind;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.junit.jupiter.api.Test;

/** What capture mode says about a delivery against one bot's settings. */
class SettingsFitTest {

    private static final String SECRET = "the-current-secret-of-this-bot-0123";
    private static final String PREVIOUS = "the-previous-secret-of-this-bot-456";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final TokenSettings DEFAULTS = new TokenSettings(Set.of("HS256"), Duration.ofSeconds(60),
            Optional.empty(), false, BodyBindingMode.AUTO, "body_sha256",
            List.of("/handler", "/handlerName", "/handler-name", "/handler_name"));

    private static SettingsFit fit(TokenSettings token) {
        return new SettingsFit(checks(token), JSON, CLOCK);
    }

    private static DeliveryChecks checks(TokenSettings token) {
        BotSettings bot = new BotSettings("sales", Optional.of(Secret.of(SECRET)), Optional.of(Secret.of(PREVIOUS)), token);
        DeliveryBodyReader bodies = new DeliveryBodyReader(JSON, token.handlerFields(), BodyLimits.DEFAULTS);
        return new DeliveryChecks(bot, Optional.of(new BotTokenVerifier("sales", "previous-secret",
                new TokenVerifier(Secret.of(SECRET), token, CLOCK, JSON),
                Optional.of(new TokenVerifier(Secret.of(PREVIOUS), token, CLOCK, JSON)))),
                new BodyBinding(token.bodyBinding(), token.bodyHashClaim(), bodies, JSON), bodies);
    }

    /** The receiver's own verdict on a token, as the token filter hands it to capture mode. */
    private static DeliveryRefusedException verdict(SettingsFit fit, String token) {
        try {
            checks(DEFAULTS).verifier().orElseThrow().verify(token);
            return null;
        } catch (InvalidTokenException e) {
            return new DeliveryRefusedException(ProblemKind.INVALID_TOKEN, e.getMessage());
        }
    }

    private static JsonObject assess(SettingsFit fit, SignedDelivery delivery) {
        return assess(fit, delivery.token(), delivery.body());
    }

    private static JsonObject assess(SettingsFit fit, String token, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        JsonValue parsed = Json.createReader(new StringReader(body)).readValue();
        return fit.assess(Optional.of(token), TokenView.of(token, JSON), verdict(fit, token), raw, Optional.of(parsed));
    }

    private static DeliverySigner signer(String secret) {
        return DeliverySigner.withSecret(secret).clock(CLOCK).jti("d-1");
    }

    @Test
    void aDefaultDeliveryFitsEverySetting() {
        JsonObject fits = assess(fit(DEFAULTS), signer(SECRET).handler("echo").formValue("name", "Ada").sign());
        assertEquals("accepted with the current secret", fits.getString("verdict"));
        assertTrue(fits.getString("signature").startsWith("made with the current secret"));
        assertEquals("yes", fits.getJsonObject("algorithm").getString("fits"));
        assertEquals("/handler", fits.getJsonObject("handlerField").getString("body"));
        JsonObject modes = fits.getJsonObject("bodyBinding").getJsonObject("modes");
        assertEquals("fits", modes.getString("auto"));
        assertEquals("fits", modes.getString("hash"));
        assertTrue(modes.getString("claims").startsWith("no: "), modes::toString);
        assertEquals("fits", modes.getString("signature-only"));
        assertEquals("300 s from now", fits.getJsonObject("timeClaims").getString("exp"));
        assertEquals("from jti", fits.getString("deliveryId"));
    }

    @Test
    void aDeliverySignedWithThePreviousSecretIsSaidToBe() {
        JsonObject fits = assess(fit(DEFAULTS), signer(PREVIOUS).handler("echo").sign());
        assertEquals("accepted with the previous secret", fits.getString("verdict"));
        assertTrue(fits.getString("signature").contains("dialoghook.bots.sales.previous-secret"));
    }

    @Test
    void anAlgorithmOutsideTheListNamesTheSettingToChange() {
        JsonObject fits = assess(fit(DEFAULTS), signer(SECRET).algorithm("HS512").handler("echo").sign());
        assertEquals("refused with 401: The token's algorithm is not accepted.", fits.getString("verdict"));
        assertEquals("no: add HS512 to dialoghook.bots.sales.jwt.algorithms",
                fits.getJsonObject("algorithm").getString("fits"));
        assertTrue(fits.getString("signature").startsWith("made with the current secret"), "checked whatever the list");
    }

    @Test
    void aBodyHashUnderAnotherClaimNameIsFound() {
        JsonObject fits = assess(fit(DEFAULTS), signer(SECRET).hashClaim("payload_sha256").handler("echo").sign());
        JsonObject binding = fits.getJsonObject("bodyBinding");
        assertEquals("'body_sha256' is absent", binding.getString("hashClaim"));
        assertEquals(Json.createArrayBuilder().add("dialoghook.bots.sales.body-hash-claim=payload_sha256").build(),
                binding.getJsonArray("hashClaimCandidates"));
        assertTrue(binding.getJsonObject("modes").getString("hash").startsWith("no: "));
    }

    @Test
    void claimsBindingIsReportedAsFitting() {
        JsonObject fits = assess(fit(DEFAULTS), signer(SECRET).binding(DeliverySigner.Binding.CLAIMS).handler("echo")
                .formValue("name", "Ada").sign());
        JsonObject modes = fits.getJsonObject("bodyBinding").getJsonObject("modes");
        assertEquals("fits", modes.getString("claims"));
        assertTrue(modes.getString("hash").startsWith("no: "));
        assertEquals("/handler", fits.getJsonObject("handlerField").getString("claims"));
    }

    @Test
    void anUnknownHandlerFieldListsTheCandidateMembers() {
        String body = "{\"block\":\"echo\",\"formValues\":{}}";
        String token = signer(SECRET).rawBody(body).sign().token();
        JsonObject field = assess(fit(DEFAULTS), token, body).getJsonObject("handlerField");
        assertEquals("none", field.getString("body"));
        assertEquals(Json.createArrayBuilder().add("/block").build(), field.getJsonArray("candidates"));
    }

    @Test
    void formValueShapesAreCounted() {
        JsonObject form = assess(fit(DEFAULTS), signer(SECRET).handler("echo")
                .formValue("name", "Ada")
                .formValue("age", Json.createValue(42))
                .formValue("city", Json.createObjectBuilder().add("value", "Bern").add("label", "City").build())
                .formValue("tags", Json.createArrayBuilder().add("a").build())
                .sign()).getJsonObject("formValues");
        assertEquals(4, form.getInt("answers"));
        assertEquals(2, form.getInt("scalars"));
        assertEquals(1, form.getInt("valueObjects"));
        assertEquals(1, form.getInt("other"));
        assertTrue(form.getString("fits").startsWith("partly"));
    }

    @Test
    void noValueTokenOrSecretIsInTheAssessment() {
        SignedDelivery delivery = signer(SECRET).handler("echo").formValue("name", "Ada Lovelace").sign();
        String text = assess(fit(DEFAULTS), delivery).toString();
        assertFalse(text.contains("Ada Lovelace"), text);
        assertFalse(text.contains(delivery.token()), text);
        assertFalse(text.contains(delivery.token().substring(delivery.token().lastIndexOf('.') + 1)), text);
        assertFalse(text.contains(SECRET) || text.contains(PREVIOUS), text);
    }

    @Test
    void withoutATokenOnlyTheBodyIsAssessed() {
        String body = "{\"handler\":\"echo\"}";
        JsonObject fits = fit(DEFAULTS).assess(Optional.empty(), new TokenView(Optional.empty(), Optional.empty()),
                new DeliveryRefusedException(ProblemKind.MISSING_TOKEN, "The request carries no Bearer token."),
                body.getBytes(StandardCharsets.UTF_8), Optional.of(Json.createReader(new StringReader(body)).readValue()));
        assertEquals(Set.of("verdict", "handlerField", "formValues"), fits.keySet());
        assertEquals("refused with 401: The request carries no Bearer token.", fits.getString("verdict"));
        assertEquals("/handler", fits.getJsonObject("handlerField").getString("body"));
    }

    @Test
    void tokenViewDecodesHeaderAndClaimsButNotTheSignature() {
        SignedDelivery delivery = signer(SECRET).handler("echo").sign();
        TokenView view = TokenView.of(delivery.token(), JSON);
        assertEquals("HS256", view.header().orElseThrow().getString("alg"));
        assertEquals("d-1", view.claims().orElseThrow().getString("jti"));
        assertEquals(Optional.empty(), TokenView.of("not-a-token", JSON).header());
        assertEquals(Optional.empty(), TokenView.of("a.b.c", JSON).claims());
    }
}
