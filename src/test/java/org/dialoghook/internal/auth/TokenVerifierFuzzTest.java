package org.dialoghook.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.dialoghook.testkit.DeliverySigner;

/**
 * Fuzzes token verification: {@link TokenVerifier}, {@link BotTokenVerifier} during a rotation, the time rules
 * against a fixed clock, and {@link BodyBinding} in every {@link BodyBindingMode}.
 *
 * <p>Three kinds of input, one per fuzz test:
 * <ul>
 * <li>{@link #anyToken}: the input is the compact token itself, read as a header's text;</li>
 * <li>{@link #signedParts}: three lines, a header, claims and a body, signed here with the bot's secret, so
 * that any header and claims reach the parsing behind the signature check;</li>
 * <li>{@link #signedDelivery}: a first line of options ({@code binding=hash|claims|none alg=HS384
 * secret=current|previous jti=<id>|none issued=<s> lifetime=<s>|none nbf=<s> noiat skew=<s> maxage=<s>
 * requireexp claim=<name> flip=<n>}, times in seconds from the fixed clock's now), then a delivery body; the test
 * kit signs the delivery, which must verify exactly when the documented time rules accept it, and must stop
 * verifying when any one bit of its payload or signature is flipped.</li>
 * </ul>
 * Everywhere only {@link InvalidTokenException} (and, for body reading, {@link MalformedDeliveryException})
 * escapes, and no reason holds the secrets, the token or its signature.
 */
class TokenVerifierFuzzTest {

    private static final String SECRET = "the-current-secret-of-the-fuzzed-bot";
    private static final String PREVIOUS = "the-previous-secret-of-the-fuzzed-bot";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> HANDLER_FIELDS = List.of("/handler", "/handlerName", "/handler-name",
            "/handler_name");
    private static final String HASH_CLAIM = "body_sha256";
    private static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512");
    private static final DeliveryBodyReader BODIES = new DeliveryBodyReader(JSON, HANDLER_FIELDS, BodyLimits.DEFAULTS);
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}|[jt]-[A-Za-z0-9_-]{22}");
    /** Claims a hash claim must not be named after: they mean something else to the verifier or the binding. */
    private static final Set<String> TAKEN_CLAIMS = Set.of("iat", "exp", "nbf", "jti", "formValues", "handler",
            "handlerName", "handler-name", "handler_name");
    /** The reasons the time rules give, as docs/token-verification.md lists them. */
    private static final Set<String> TIME_REASONS = Set.of("The token has expired (exp).",
            "The token is not valid yet (nbf).", "The token was issued in the future (iat).",
            "The token is older than the maximum token age (iat).", "The token has no expiry (exp), and one is required.",
            "The token has no issue time (iat), which the maximum token age needs.", "The token is malformed.");

    /** Offsets and lifetimes are kept within this many seconds, a few centuries, so that instants stay valid. */
    private static final long MAX_OFFSET = 10_000_000_000L;

    private static final TokenVerifier STRICT = new TokenVerifier(Secret.of(SECRET), settings(Set.of("HS256"),
            Duration.ofSeconds(60), Optional.empty(), false, HASH_CLAIM), CLOCK, JSON);
    private static final BotTokenVerifier ROTATING = rotating(settings(ALGORITHMS, Duration.ofSeconds(60),
            Optional.of(Duration.ofMinutes(5)), true, HASH_CLAIM));
    private static final TokenVerifier LENIENT = new TokenVerifier(Secret.of(SECRET), settings(ALGORITHMS,
            Duration.ofSeconds(60), Optional.empty(), false, HASH_CLAIM), CLOCK, JSON);

    // ---- any string as a token ----

    @FuzzTest
    void anyToken(byte[] input) {
        String token = BearerCredentialsFuzzTest.headerText(input);
        for (TokenVerifier verifier : List.of(STRICT, LENIENT)) {
            try {
                TokenVerifier.VerifiedToken verified = verifier.verify(token);
                assertTrue(verifier.signedWithThisSecret(token), "verified without the secret's signature");
                assertVerified(verified);
            } catch (InvalidTokenException refused) {
                assertSafe(refused, token);
            }
        }
        try {
            assertVerified(quietly(ROTATING, token));
            assertTrue(ROTATING.signingSecret(token).isPresent(), "verified without either secret's signature");
        } catch (InvalidTokenException refused) {
            assertSafe(refused, token);
        }
    }

    // ---- any header and claims, correctly signed ----

    @FuzzTest
    void signedParts(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
        String header = lines[0];
        String claims = lines.length > 1 ? lines[1] : "";
        byte[] body = (lines.length > 2 ? lines[2] : "").getBytes(StandardCharsets.UTF_8);
        String token = hmac(SECRET, algorithmOf(header), header.getBytes(StandardCharsets.UTF_8),
                claims.getBytes(StandardCharsets.UTF_8));
        TokenVerifier.VerifiedToken verified;
        try {
            verified = LENIENT.verify(token);
        } catch (InvalidTokenException refused) {
            assertSafe(refused, token);
            return;
        }
        assertVerified(verified);
        checkEveryBinding(verified.claims(), body, token);
    }

    /** Every binding mode on verified claims and any body: each check passes or refuses, nothing else. */
    private static void checkEveryBinding(JsonObject claims, byte[] raw, String token) {
        byte[] digest = BodyDigest.sha256(raw);
        Optional<DeliveryBody> body = readable(raw);
        for (BodyBindingMode mode : BodyBindingMode.values()) {
            BodyBinding binding = new BodyBinding(mode, HASH_CLAIM, BODIES, JSON);
            try {
                binding.checkHash(claims, digest);
                if (body.isPresent()) {
                    binding.checkClaims(claims, body.get());
                }
            } catch (InvalidTokenException refused) {
                assertSafe(refused, token);
            }
        }
    }

    // ---- deliveries the test kit signed ----

    @FuzzTest
    void signedDelivery(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 2);
        Recipe recipe = Recipe.parse(lines[0]);
        String bodyText = lines.length > 1 ? lines[1] : "{\"handler\":\"echo\"}";
        byte[] raw = bodyText.getBytes(StandardCharsets.UTF_8);
        Optional<DeliveryBody> body = readable(raw);
        if (recipe.binding == DeliverySigner.Binding.CLAIMS && body.isEmpty()) {
            return; // the kit can repeat in the claims only a body that is a delivery
        }
        BotTokenVerifier verifier = rotating(settings(ALGORITHMS, recipe.skew, recipe.maxAge, recipe.requireExp,
                recipe.hashClaim));
        String token = recipe.signer(body).rawBody(bodyText).sign().token();

        Optional<String> refusal = recipe.timeRefusal();
        TokenVerifier.VerifiedToken verified;
        try {
            verified = quietly(verifier, token);
        } catch (InvalidTokenException refused) {
            assertSafe(refused, token);
            assertFalse(refusal.isEmpty(), () -> "a token the kit signed, whose times the rules accept, was refused: "
                    + refused.getMessage() + " " + recipe);
            assertTrue(refusal.get().equals(refused.getMessage()) || TIME_REASONS.contains(refused.getMessage()),
                    () -> "refused for " + refused.getMessage() + " instead of " + refusal.get());
            return;
        }
        assertTrue(refusal.isEmpty(), () -> "a token the rules refuse (" + refusal.get() + ") was accepted: " + recipe);
        assertVerified(verified);
        assertEquals(recipe.jti == null ? DeliveryIds.fromToken(token) : DeliveryIds.fromJti(recipe.jti),
                verified.deliveryId());
        if (body.isPresent()) {
            checkTheKitsBinding(recipe.binding, recipe.hashClaim, verified.claims(), raw, body.get());
        }
        checkFlippedBytes(verifier, token, recipe.flip);
        checkFlippedCharacter(verifier, token, recipe.flip, verified);
    }

    /** The kit's binding passes in the modes that accept it and is refused in the modes that need another. */
    private static void checkTheKitsBinding(DeliverySigner.Binding signed, String hashClaim, JsonObject claims,
            byte[] raw, DeliveryBody body) {
        byte[] digest = BodyDigest.sha256(raw);
        for (BodyBindingMode mode : BodyBindingMode.values()) {
            BodyBinding binding = new BodyBinding(mode, hashClaim, BODIES, JSON);
            boolean fits = switch (mode) {
                case AUTO, SIGNATURE_ONLY -> true;
                case HASH -> signed == DeliverySigner.Binding.HASH;
                case CLAIMS -> signed == DeliverySigner.Binding.CLAIMS;
            };
            try {
                binding.checkHash(claims, digest);
                binding.checkClaims(claims, body);
                assertTrue(fits, () -> "binding " + mode + " accepted a delivery signed with binding " + signed);
            } catch (InvalidTokenException refused) {
                assertFalse(fits, () -> "binding " + mode + " refused a delivery signed with binding " + signed + ": "
                        + refused.getMessage());
            }
        }
    }

    /** One bit flipped in the decoded payload or signature: the token never verifies, with either secret. */
    private static void checkFlippedBytes(BotTokenVerifier verifier, String token, int flip) {
        String[] parts = token.split("\\.", -1);
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        int bits = (payload.length + signature.length) * 8;
        int bit = Math.floorMod(flip, bits);
        if (bit < payload.length * 8) {
            payload[bit / 8] ^= (byte) (1 << bit % 8);
        } else {
            bit -= payload.length * 8;
            signature[bit / 8] ^= (byte) (1 << bit % 8);
        }
        String flipped = parts[0] + "." + encode(payload) + "." + encode(signature);
        try {
            quietly(verifier, flipped);
            fail("a token with bit " + Math.floorMod(flip, bits) + " of payload and signature flipped verified");
        } catch (InvalidTokenException refused) {
            assertSafe(refused, flipped);
        }
    }

    /**
     * One bit flipped in one character of the compact payload or signature: the token verifies no more, or, where
     * the encoding leaves the decoded bytes the same, it verifies as the very same delivery (claims and delivery
     * id), so that a copy can never pass for a new delivery.
     */
    private static void checkFlippedCharacter(BotTokenVerifier verifier, String token, int flip,
            TokenVerifier.VerifiedToken original) {
        int start = token.indexOf('.') + 1;
        int position = start + Math.floorMod(flip / 7, token.length() - start);
        char flippedChar = (char) (token.charAt(position) ^ 1 << Math.floorMod(flip, 7));
        String flipped = token.substring(0, position) + flippedChar + token.substring(position + 1);
        try {
            TokenVerifier.VerifiedToken verified = quietly(verifier, flipped);
            assertEquals(original.claims(), verified.claims(), "a changed token verified with other claims");
            assertEquals(original.deliveryId(), verified.deliveryId(),
                    "a changed token that verifies as the same delivery got another delivery id");
        } catch (InvalidTokenException refused) {
            assertSafe(refused, flipped);
        }
    }

    // ---- properties and helpers ----

    /**
     * Verifies with the rotating verifier without its INFO line for each use of the previous secret, which would
     * flood a fuzzing run's output; the level is put back at once, for the tests that read those lines.
     */
    private static TokenVerifier.VerifiedToken quietly(BotTokenVerifier verifier, String token)
            throws InvalidTokenException {
        Logger log = Logger.getLogger(BotTokenVerifier.class.getName());
        Level level = log.getLevel();
        log.setLevel(Level.WARNING);
        try {
            return verifier.verify(token);
        } finally {
            log.setLevel(level);
        }
    }

    private static void assertVerified(TokenVerifier.VerifiedToken verified) {
        assertNotNull(verified.claims());
        assertTrue(DELIVERY_ID.matcher(verified.deliveryId()).matches(), () -> "delivery id " + verified.deliveryId());
        JsonValue jti = verified.claims().get("jti");
        assertTrue(jti == null || jti == JsonValue.NULL || jti instanceof JsonString, "a jti that is not a string");
    }

    private static void assertSafe(InvalidTokenException refused, String token) {
        String message = refused.getMessage();
        assertNotNull(message);
        assertFalse(message.contains(SECRET) || message.contains(PREVIOUS), () -> "the reason holds a secret: " + message);
        assertFalse(telling(token) && message.contains(token), () -> "the reason holds the token: " + message);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertFalse(telling(signature) && message.contains(signature), () -> "the reason holds the signature: " + message);
    }

    /** Whether a piece of text could not be in a fixed reason by chance: long enough, not only words. */
    private static boolean telling(String piece) {
        return piece.length() >= 8 && piece.chars().anyMatch(c -> !Character.isLetter(c) && c != ' ' && c != '.'
                && c != '(' && c != ')' && c != '\'' && c != ',');
    }

    /** The body as the receiver would read it, when it is a delivery. */
    private static Optional<DeliveryBody> readable(byte[] raw) {
        try {
            return Optional.of(BODIES.read(raw));
        } catch (MalformedDeliveryException e) {
            return Optional.empty();
        }
    }

    private static TokenSettings settings(Set<String> algorithms, Duration skew, Optional<Duration> maxAge,
            boolean requireExp, String hashClaim) {
        return new TokenSettings(algorithms, skew, maxAge, requireExp, BodyBindingMode.AUTO, hashClaim, HANDLER_FIELDS);
    }

    private static BotTokenVerifier rotating(TokenSettings settings) {
        return new BotTokenVerifier("fuzzed", "dialoghook.bots.fuzzed.previous-secret",
                new TokenVerifier(Secret.of(SECRET), settings, CLOCK, JSON),
                Optional.of(new TokenVerifier(Secret.of(PREVIOUS), settings, CLOCK, JSON)));
    }

    /** The HMAC algorithm a header names, HS256 when it names none; read leniently, as only the signing needs it. */
    private static String algorithmOf(String header) {
        try {
            JsonValue value = JSON.createReader(new StringReader(header)).readValue();
            if (value instanceof JsonObject object && object.get("alg") instanceof JsonString alg
                    && ALGORITHMS.contains(alg.getString())) {
                return alg.getString();
            }
        } catch (RuntimeException e) {
            // not JSON: signed as HS256, and the verifier says what it thinks of the header
        }
        return "HS256";
    }

    /** A compact JWS of exactly these header and payload bytes, signed with an HMAC of the secret. */
    private static String hmac(String secret, String algorithm, byte[] header, byte[] payload) {
        String signingInput = encode(header) + "." + encode(payload);
        try {
            String name = "Hmac" + algorithm.replace("HS", "SHA");
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), name));
            return signingInput + "." + encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The options of {@link #signedDelivery}, with what the documented time rules say about them. */
    private static final class Recipe {

        private DeliverySigner.Binding binding = DeliverySigner.Binding.HASH;
        private String algorithm = "HS256";
        private String secret = SECRET;
        private String jti = "d-1";
        private long issued;
        private boolean withIat = true;
        private Long lifetime = 300L;
        private Long notBefore;
        private Duration skew = Duration.ofSeconds(60);
        private Optional<Duration> maxAge = Optional.empty();
        private boolean requireExp;
        private String hashClaim = HASH_CLAIM;
        private int flip;
        private final Map<String, String> words = new LinkedHashMap<>();

        static Recipe parse(String line) {
            Recipe recipe = new Recipe();
            for (String word : line.strip().split(" +")) {
                int equals = word.indexOf('=');
                recipe.words.put(equals < 0 ? word : word.substring(0, equals), equals < 0 ? "" : word.substring(equals + 1));
            }
            recipe.words.forEach(recipe::set);
            return recipe;
        }

        private void set(String key, String value) {
            switch (key) {
                case "binding" -> binding = switch (value) {
                    case "claims" -> DeliverySigner.Binding.CLAIMS;
                    case "none" -> DeliverySigner.Binding.NONE;
                    default -> DeliverySigner.Binding.HASH;
                };
                case "alg" -> algorithm = ALGORITHMS.contains(value) ? value : "HS256";
                case "secret" -> secret = value.equals("previous") ? PREVIOUS : SECRET;
                case "jti" -> jti = value.equals("none") ? null : value;
                case "issued" -> issued = seconds(value, 0);
                case "noiat" -> withIat = false;
                case "lifetime" -> lifetime = value.equals("none") ? null : seconds(value, 300);
                case "nbf" -> notBefore = seconds(value, 0);
                case "skew" -> skew = Duration.ofSeconds(Math.floorMod(seconds(value, 60), 3601));
                case "maxage" -> maxAge = Optional.of(Duration.ofSeconds(1 + Math.floorMod(seconds(value, 300), 86_400)));
                case "requireexp" -> requireExp = true;
                case "claim" -> hashClaim = value.isEmpty() || TAKEN_CLAIMS.contains(value) ? HASH_CLAIM : value;
                case "flip" -> flip = (int) seconds(value, 0);
                default -> {
                    // unknown words are left to the fuzzer
                }
            }
        }

        private static long seconds(String value, long fallback) {
            try {
                return Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        DeliverySigner signer(Optional<DeliveryBody> body) {
            DeliverySigner signer = DeliverySigner.withSecret(secret)
                    .clock(Clock.fixed(NOW.plusSeconds(issued), ZoneOffset.UTC))
                    .algorithm(algorithm)
                    .binding(binding)
                    .hashClaim(hashClaim)
                    .jti(jti)
                    .lifetime(lifetime == null ? null : Duration.ofSeconds(lifetime));
            if (!withIat) {
                signer.withoutIssuedAt();
            }
            if (notBefore != null) {
                signer.notBefore(NOW.plusSeconds(notBefore));
            }
            body.ifPresent(delivery -> {
                signer.handler(delivery.handlerName());
                if (delivery.handlerMember() != null) {
                    signer.handlerField(delivery.handlerMember());
                }
                delivery.formValues().forEach(signer::formValue);
            });
            return signer;
        }

        /**
         * What docs/token-verification.md says of this token's times, in whole seconds from now: empty when every
         * rule accepts them, else the reason of one rule that refuses them.
         */
        Optional<String> timeRefusal() {
            long now = 0;
            long skewSeconds = skew.getSeconds();
            Long iat = withIat ? issued : null;
            Long exp = lifetime == null ? null : issued + lifetime;
            if (requireExp && exp == null) {
                return Optional.of("The token has no expiry (exp), and one is required.");
            }
            if (maxAge.isPresent() && iat == null) {
                return Optional.of("The token has no issue time (iat), which the maximum token age needs.");
            }
            if (exp != null && !(now < exp + skewSeconds)) {
                return Optional.of("The token has expired (exp).");
            }
            if (exp != null && (iat != null && exp < iat || notBefore != null && exp < notBefore)) {
                return Optional.of("The token is malformed.");
            }
            if (notBefore != null && !(now + skewSeconds >= notBefore)) {
                return Optional.of("The token is not valid yet (nbf).");
            }
            if (iat != null && !(iat <= now + skewSeconds)) {
                return Optional.of("The token was issued in the future (iat).");
            }
            if (iat != null && maxAge.isPresent() && !(now - iat <= maxAge.get().getSeconds() + skewSeconds)) {
                return Optional.of("The token is older than the maximum token age (iat).");
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "options " + words;
        }
    }
}
