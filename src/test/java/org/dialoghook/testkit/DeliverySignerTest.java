package org.dialoghook.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.junit.jupiter.api.Test;

/** The signer against values computed here with plain {@code javax.crypto.Mac} and {@code MessageDigest}. */
class DeliverySignerTest {

    private static final String SECRET = "unit-test-secret-äö-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static String[] parts(String token) {
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, "a compact JWS has three parts");
        return parts;
    }

    private static JsonObject decode(String part) {
        String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String hmac(String algorithm, String signingInput) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), algorithm));
        byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    @Test
    void theSignatureIsTheHmacOfHeaderAndPayloadWithTheUtf8Secret() throws Exception {
        String[] parts = parts(DeliverySigner.withSecret(SECRET).sign("{\"a\":1}"));
        assertEquals(hmac("HmacSHA256", parts[0] + "." + parts[1]), parts[2]);
        assertEquals("HS256", decode(parts[0]).getString("alg"));
        assertEquals(Json.createObjectBuilder().add("a", 1).build(), decode(parts[1]));
    }

    @Test
    void otherAlgorithmsUseTheMatchingHmac() throws Exception {
        String[] hs512 = parts(DeliverySigner.withSecret(SECRET).algorithm("HS512").sign("{}"));
        assertEquals(hmac("HmacSHA512", hs512[0] + "." + hs512[1]), hs512[2]);
        String[] hs384 = parts(DeliverySigner.withSecret(SECRET).algorithm("HS384").sign("{}"));
        assertEquals(hmac("HmacSHA384", hs384[0] + "." + hs384[1]), hs384[2]);
    }

    @Test
    void theDefaultDeliveryCarriesTheHexSha256OfTheExactBody() throws Exception {
        SignedDelivery delivery = DeliverySigner.withSecret(SECRET).clock(CLOCK).handler("echo")
                .formValue("name", "Zoë").jti("fixed-id").sign();
        assertEquals("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Zoë\"}}", delivery.body());
        JsonObject claims = decode(parts(delivery.token())[1]);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(delivery.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, claims.getString("body_sha256"));
        assertEquals(NOW.getEpochSecond(), claims.getJsonNumber("iat").longValue());
        assertEquals(NOW.getEpochSecond() + 300, claims.getJsonNumber("exp").longValue());
        assertEquals("fixed-id", claims.getString("jti"));
        assertFalse(claims.containsKey("formValues"), "hash binding does not repeat the body");
    }

    @Test
    void claimsBindingRepeatsHandlerAndFormValues() {
        SignedDelivery delivery = DeliverySigner.withSecret(SECRET).handlerField("handlerName").handler("ticket")
                .formValue("subject", Json.createObjectBuilder().add("value", "printer").build())
                .binding(DeliverySigner.Binding.CLAIMS).sign();
        JsonObject claims = decode(parts(delivery.token())[1]);
        assertEquals("ticket", claims.getString("handlerName"));
        assertEquals("printer", claims.getJsonObject("formValues").getJsonObject("subject").getString("value"));
        assertFalse(claims.containsKey("body_sha256"));
    }

    @Test
    void timeClaimsFollowTheOptions() {
        SignedDelivery delivery = DeliverySigner.withSecret(SECRET).clock(CLOCK).lifetime(null).withoutIssuedAt()
                .notBefore(NOW.plus(Duration.ofMinutes(1))).jti(null).binding(DeliverySigner.Binding.NONE).sign();
        JsonObject claims = decode(parts(delivery.token())[1]);
        assertEquals(Json.createObjectBuilder().add("nbf", NOW.getEpochSecond() + 60).build(), claims);
    }

    @Test
    void parametersSitAtTheTopLevelAndWithoutFormTheFormIsLeftOut() {
        SignedDelivery delivery = DeliverySigner.withSecret(SECRET).withoutForm()
                .parameter("language", Json.createValue("de")).sign();
        assertEquals("{\"handler\":\"echo\",\"language\":\"de\"}", delivery.body());
    }

    @Test
    void theTextFormNeverShowsTheToken() {
        SignedDelivery delivery = DeliverySigner.withSecret(SECRET).sign();
        assertFalse(delivery.toString().contains(delivery.token()));
        assertTrue(delivery.toString().contains("redacted"));
    }
}
