package org.dialoghook.internal.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.testkit.DeliverySigner;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    private static final String SECRET = "a-bot-secret-of-thirty-two-bytes!!";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final long SKEW = 60;

    private static TokenSettings settings(Set<String> algorithms, Optional<Duration> maxAge, boolean requireExp) {
        return new TokenSettings(algorithms, Duration.ofSeconds(SKEW), maxAge, requireExp, BodyBindingMode.AUTO,
                "body_sha256", List.of("/handler"));
    }

    private static TokenVerifier verifier(TokenSettings settings) {
        return new TokenVerifier(Secret.of(SECRET), settings, CLOCK, JsonProvider.provider());
    }

    private static TokenVerifier defaultVerifier() {
        return verifier(settings(Set.of("HS256"), Optional.empty(), false));
    }

    private static String token(String claimsJson) {
        return DeliverySigner.withSecret(SECRET).sign(claimsJson);
    }

    private static String rejectionOf(TokenVerifier verifier, String token) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertFalse(e.getMessage().contains(token), "the reason must not hold the token");
        assertFalse(e.getMessage().contains(SECRET), "the reason must not hold the secret");
        return e.getMessage();
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAnHs256TokenAndGivesItsClaimsAndJtiAsDeliveryId() throws Exception {
        TokenVerifier.VerifiedToken verified = defaultVerifier().verify(token("{\"jti\":\"abc-123\",\"x\":\"ü\"}"));
        assertEquals("abc-123", verified.deliveryId());
        assertEquals("ü", verified.claims().getString("x"));
    }

    @Test
    void derivesADeliveryIdFromTheTokenWhenThereIsNoJti() throws Exception {
        String token = token("{\"a\":1}");
        String id = defaultVerifier().verify(token).deliveryId();
        assertTrue(id.startsWith("t-"));
        assertEquals(24, id.length());
        assertFalse(token.contains(id.substring(2)), "the id is a hash, not a piece of the token");
        assertEquals(id, defaultVerifier().verify(token).deliveryId(), "the same token gives the same id");
    }

    @Test
    void hashesAJtiThatIsNotPlainText() throws Exception {
        String id = defaultVerifier().verify(token("{\"jti\":\"line\\r\\nbreak\"}")).deliveryId();
        assertTrue(id.startsWith("j-"));
        assertFalse(id.contains("\n"));
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        String token = DeliverySigner.withSecret("another-secret-of-thirty-two-bytes").sign("{\"a\":1}");
        assertEquals("The token's signature does not match the bot's secret.", rejectionOf(defaultVerifier(), token));
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() {
        String[] parts = token("{\"handler\":\"echo\"}").split("\\.");
        String forged = parts[0] + "." + b64("{\"handler\":\"admin\"}") + "." + parts[2];
        assertEquals("The token's signature does not match the bot's secret.", rejectionOf(defaultVerifier(), forged));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS384", "HS512"})
    void refusesOtherHmacAlgorithmsUnlessAllowListed(String algorithm) throws Exception {
        String token = DeliverySigner.withSecret(SECRET).algorithm(algorithm).sign("{\"a\":1}");
        assertEquals("The token's algorithm is not accepted.", rejectionOf(defaultVerifier(), token));
        TokenVerifier allowing = verifier(settings(Set.of("HS256", algorithm), Optional.empty(), false));
        assertEquals(1, allowing.verify(token).claims().getInt("a"));
    }

    @Test
    void alwaysRefusesAlgNone() {
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"a\":1}") + ".";
        TokenVerifier allowingAll = verifier(settings(Set.of("HS256", "HS384", "HS512"), Optional.empty(), false));
        assertEquals("The token's algorithm is not accepted.", rejectionOf(allowingAll, unsigned));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "PS256", "EdDSA"})
    void alwaysRefusesAsymmetricAlgorithms(String algorithm) {
        String token = b64("{\"alg\":\"" + algorithm + "\"}") + "." + b64("{\"a\":1}") + "." + b64("signature");
        TokenVerifier allowingAll = verifier(settings(Set.of("HS256", "HS384", "HS512"), Optional.empty(), false));
        assertEquals("The token's algorithm is not accepted.", rejectionOf(allowingAll, token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30", "a.b.c.d.e"})
    void refusesMalformedTokensWithoutEchoingThem(String token) {
        String reason = rejectionOf(defaultVerifier(), token);
        assertFalse(reason.isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"text\"", "7", "null"})
    void refusesSignedClaimsThatAreNotAJsonObject(String claims) {
        assertEquals("The token's claims are not a JSON object.", rejectionOf(defaultVerifier(), token(claims)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "not json", "{\"a\":1}{}"})
    void refusesSignedClaimsThatAreNotJson(String claims) {
        assertTrue(rejectionOf(defaultVerifier(), token(claims)).startsWith("The token's claim set "));
    }

    @Test
    void holdsTheHeaderToTheInputLimitsBeforeJose4jReadsIt() {
        String nested = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"HS256\",\"x\":"
                + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        String signed = token("{\"jti\":\"d-1\"}");
        String hostile = nested + signed.substring(signed.indexOf('.'));
        assertEquals("The token's header nests objects and arrays deeper than 32 levels.",
                rejectionOf(defaultVerifier(), hostile));
        assertEquals("The token is malformed.", rejectionOf(defaultVerifier(), "e30!." + signed.substring(signed.indexOf('.') + 1)));
    }

    @Test
    void holdsTheClaimsToTheInputLimitsWhileTheyAreParsed() {
        assertEquals("The token's claim set nests objects and arrays deeper than 32 levels.", rejectionOf(
                defaultVerifier(), token("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")));
        assertEquals("The token's claim set holds a number longer than 64 characters.", rejectionOf(
                defaultVerifier(), token("{\"exp\":" + "9".repeat(5000) + "}")));
        assertEquals("The token's claim set repeats the member name 'jti' in one object.", rejectionOf(
                defaultVerifier(), token("{\"jti\":\"a\",\"jti\":\"b\"}")));
    }

    @Test
    void refusesAJtiThatIsNotAString() {
        assertEquals("The token's jti claim is not a string.", rejectionOf(defaultVerifier(), token("{\"jti\":7}")));
    }

    @Test
    void refusesAnUnknownCriticalHeader() {
        String header = b64("{\"alg\":\"HS256\",\"crit\":[\"x-unknown\"],\"x-unknown\":1}");
        String payload = b64("{\"a\":1}");
        String signed = DeliverySigner.withSecret(SECRET).sign("{\"a\":1}");
        // the signature of another header cannot match, but the crit check must not let such a token through either way
        String token = header + "." + payload + "." + signed.substring(signed.lastIndexOf('.') + 1);
        assertFalse(rejectionOf(defaultVerifier(), token).isBlank());
    }

    @Test
    void acceptsASecretShorterThanTheHash() throws Exception {
        TokenVerifier shortKey = new TokenVerifier(Secret.of("short"), settings(Set.of("HS256"), Optional.empty(), false),
                CLOCK, JsonProvider.provider());
        assertEquals(1, shortKey.verify(DeliverySigner.withSecret("short").sign("{\"a\":1}")).claims().getInt("a"));
    }

    @Test
    void usesTheUtf8BytesOfANonAsciiSecret() throws Exception {
        String secret = "geheimnis-äöü-秘密-with-more-bytes";
        TokenVerifier verifier = new TokenVerifier(Secret.of(secret), settings(Set.of("HS256"), Optional.empty(), false),
                CLOCK, JsonProvider.provider());
        assertEquals(1, verifier.verify(DeliverySigner.withSecret(secret).sign("{\"a\":1}")).claims().getInt("a"));
    }

    @Nested
    class TimeClaims {

        private final long now = NOW.getEpochSecond();

        @Test
        void expiryIsAcceptedUntilTheSkewHasPassed() {
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"exp\":" + (now - SKEW + 1) + "}")));
            assertEquals("The token has expired (exp).",
                    rejectionOf(defaultVerifier(), token("{\"exp\":" + (now - SKEW) + "}")));
        }

        @Test
        void notBeforeIsAcceptedWithinTheSkew() {
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"nbf\":" + (now + SKEW) + "}")));
            assertEquals("The token is not valid yet (nbf).",
                    rejectionOf(defaultVerifier(), token("{\"nbf\":" + (now + SKEW + 1) + "}")));
        }

        @Test
        void issuedAtMayBeAtMostTheSkewInTheFuture() {
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"iat\":" + (now + SKEW) + "}")));
            assertEquals("The token was issued in the future (iat).",
                    rejectionOf(defaultVerifier(), token("{\"iat\":" + (now + SKEW + 1) + "}")));
        }

        @Test
        void anOldIssuedAtIsFineWithoutAMaximumAge() {
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"iat\":" + (now - 86_400 * 365) + "}")));
        }

        @Test
        void theMaximumAgeCountsFromIssuedAtWithTheSkew() {
            TokenVerifier verifier = verifier(settings(Set.of("HS256"), Optional.of(Duration.ofMinutes(5)), false));
            assertDoesNotThrow(() -> verifier.verify(token("{\"iat\":" + (now - 300 - SKEW) + "}")));
            assertEquals("The token is older than the maximum token age (iat).",
                    rejectionOf(verifier, token("{\"iat\":" + (now - 300 - SKEW - 1) + "}")));
            assertEquals("The token has no issue time (iat), which the maximum token age needs.",
                    rejectionOf(verifier, token("{\"a\":1}")));
        }

        @Test
        void expiryIsOptionalUnlessRequired() {
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"a\":1}")));
            TokenVerifier requiring = verifier(settings(Set.of("HS256"), Optional.empty(), true));
            assertEquals("The token has no expiry (exp), and one is required.",
                    rejectionOf(requiring, token("{\"a\":1}")));
            assertDoesNotThrow(() -> requiring.verify(token("{\"exp\":" + (now + 60) + "}")));
        }

        @Test
        void aTimeClaimThatIsNotANumberIsRefused() {
            assertEquals("A time claim of the token is malformed.",
                    rejectionOf(defaultVerifier(), token("{\"exp\":\"tomorrow\"}")));
        }

        @Test
        void anExpiryBeforeTheIssueTimeIsMalformed() {
            assertEquals("The token is malformed.",
                    rejectionOf(defaultVerifier(), token("{\"iat\":" + (now - 10) + ",\"exp\":" + (now - 20) + "}")));
        }

        @Test
        void aNullTimeClaimCountsAsAbsentAndADecimalOneIsReadAsSeconds() {
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"exp\":null}")));
            assertDoesNotThrow(() -> defaultVerifier().verify(token("{\"exp\":" + (now + 30) + ".5}")));
            assertEquals("The token has expired (exp).",
                    rejectionOf(defaultVerifier(), token("{\"exp\":" + (now - SKEW - 1) + ".5}")));
            assertEquals("A time claim of the token is malformed.",
                    rejectionOf(defaultVerifier(), token("{\"nbf\":true}")));
        }

        @Test
        void theInjectedClockDecides() {
            String token = token("{\"exp\":" + (now + 10) + "}");
            TokenVerifier later = new TokenVerifier(Secret.of(SECRET), settings(Set.of("HS256"), Optional.empty(), false),
                    Clock.offset(CLOCK, Duration.ofSeconds(10 + SKEW)), JsonProvider.provider());
            assertDoesNotThrow(() -> defaultVerifier().verify(token));
            assertEquals("The token has expired (exp).", rejectionOf(later, token));
        }
    }
}
