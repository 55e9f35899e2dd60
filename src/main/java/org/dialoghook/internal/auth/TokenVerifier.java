package org.dialoghook.internal.auth;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.LimitedJsonReader;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.ReservedClaimNames;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.NumericDateValidator;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.JoseException;

/**
 * Verifies one bot's tokens with jose4j: an HMAC signature with the bot's secret, an algorithm from the
 * allow-list, and {@code exp}/{@code nbf}/{@code iat} by jose4j's own rules against the injected clock with a
 * symmetric skew.
 *
 * <p>jose4j checks the compact serialization, the algorithm, the {@code crit} header and the signature
 * ({@link JsonWebSignature}); the claims are then parsed once, with JSON-P, into the object the receiver works
 * with. jose4j's {@code JwtConsumer} would parse them a second time into a map of its own, which no check
 * here needs: the time claims are handed to jose4j's {@link NumericDateValidator} from the parsed object.
 * The header and the claims are held to the body's default limits ({@link BodyLimits#DEFAULTS}) while they are
 * parsed, the header before jose4j reads it.
 * Thread-safe: the key, the algorithm constraints and the claims reader are built once.
 */
public final class TokenVerifier {

    private static final AlgorithmConstraints ANY_HMAC = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256,
            AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512);

    private final HmacKey key;
    private final AlgorithmConstraints algorithms;
    private final LimitedJsonReader claimsReader;
    private final TimeClaims timeClaims;

    /**
     * Builds the verifier for one secret.
     *
     * @param secret the bot's secret
     * @param settings the token settings
     * @param clock the clock time claims are checked against
     * @param json the JSON-P provider the claims are parsed with
     */
    public TokenVerifier(Secret secret, TokenSettings settings, Clock clock, JsonProvider json) {
        this.key = new HmacKey(secret.keyBytes());
        this.algorithms = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                settings.algorithms().toArray(String[]::new));
        this.claimsReader = new LimitedJsonReader(json, BodyLimits.DEFAULTS);
        this.timeClaims = new TimeClaims(settings, clock);
    }

    /**
     * Verifies a compact token.
     *
     * @param token the token from the {@code Authorization} header
     * @return the verified claims as JSON, with the delivery id
     * @throws InvalidTokenException with a short, token-free reason
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        checkHeader(token);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(algorithms);
        jws.setKey(key);
        // the secret's length is the platform's choice: a short one is accepted, and warned about at start
        jws.setDoKeyValidation(false);
        byte[] payload;
        try {
            jws.setCompactSerialization(token);
            if (!jws.verifySignature()) {
                throw new InvalidTokenException("The token's signature does not match the bot's secret.", true);
            }
            payload = jws.getPayloadBytes();
        } catch (InvalidAlgorithmException e) {
            throw new InvalidTokenException("The token's algorithm is not accepted.");
        } catch (JoseException | RuntimeException e) {
            // jose4j's messages may quote the token: only this fixed reason leaves
            throw new InvalidTokenException("The token is malformed.");
        }
        JsonObject claims = parseClaims(payload);
        timeClaims.check(claims, jws);
        JsonValue jti = claims.get(ReservedClaimNames.JWT_ID);
        if (jti != null && jti != JsonValue.NULL && !(jti instanceof JsonString)) {
            throw new InvalidTokenException("The token's jti claim is not a string.");
        }
        return new VerifiedToken(claims, DeliveryIds.of(jti, token));
    }

    /**
     * Whether the token's signature was made with this verifier's secret by any HMAC algorithm, whatever the
     * allow-list and the time claims say: for capture mode's report of which secret signed a token.
     *
     * @param token the compact token
     * @return true when an HS256, HS384 or HS512 signature matches the secret
     */
    public boolean signedWithThisSecret(String token) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(ANY_HMAC);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            jws.setCompactSerialization(token);
            return jws.verifySignature();
        } catch (JoseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Holds the token's header to the input limits before jose4j reads it: the header goes through the same limited
     * reader as the claims, so no header jose4j would have to build gets past the limits either.
     */
    private void checkHeader(String token) throws InvalidTokenException {
        int dot = token.indexOf('.');
        if (dot < 0) {
            throw new InvalidTokenException("The token is malformed.");
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(token.substring(0, dot));
            if (!(claimsReader.read(text(header),
                    "The token's header") instanceof JsonObject)) {
                throw new InvalidTokenException("The token's header is not a JSON object.");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("The token is malformed.");
        } catch (MalformedDeliveryException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    /**
     * A token part's bytes as text to parse. Through a string, not a stream reader: a reader decoding a stream
     * allocates an 8 KiB buffer of its own for the few hundred bytes of a header or claim set.
     */
    private static StringReader text(byte[] part) {
        return new StringReader(new String(part, StandardCharsets.UTF_8));
    }

    private JsonObject parseClaims(byte[] payload) throws InvalidTokenException {
        JsonValue claims;
        try {
            claims = claimsReader.read(text(payload),
                    "The token's claim set");
        } catch (MalformedDeliveryException e) {
            throw new InvalidTokenException(e.getMessage());
        }
        if (!(claims instanceof JsonObject object)) {
            throw new InvalidTokenException("The token's claims are not a JSON object.");
        }
        return object;
    }

    /** jose4j's own time-claim rules, evaluated at the injected clock's time on every call. */
    private static final class TimeClaims {

        private static final List<String> NAMES = List.of(ReservedClaimNames.EXPIRATION_TIME,
                ReservedClaimNames.NOT_BEFORE, ReservedClaimNames.ISSUED_AT);

        private final Clock clock;
        private final int skewSeconds;
        private final boolean requireExp;
        private final Integer maxAgeSeconds;

        TimeClaims(TokenSettings settings, Clock clock) {
            this.clock = clock;
            this.skewSeconds = seconds(settings.clockSkew());
            this.requireExp = settings.requireExp();
            this.maxAgeSeconds = settings.maxAge().map(TimeClaims::seconds).orElse(null);
        }

        void check(JsonObject claims, JsonWebSignature jws) throws InvalidTokenException {
            NumericDateValidator rules = new NumericDateValidator();
            rules.setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()));
            rules.setAllowedClockSkewSeconds(skewSeconds);
            rules.setRequireExp(requireExp);
            rules.setIatAllowedSecondsInTheFuture(0);
            if (maxAgeSeconds != null) {
                rules.setRequireIat(true);
                rules.setIatAllowedSecondsInThePast(maxAgeSeconds);
            }
            ErrorCodeValidator.Error error;
            try {
                error = rules.validate(new JwtContext(timesOf(claims), List.of(jws)));
            } catch (MalformedClaimException e) {
                throw new InvalidTokenException("A time claim of the token is malformed.");
            } catch (ArithmeticException e) {
                // jose4j's rules overflow a long for a time claim near its ends: no real token carries one
                throw new InvalidTokenException("A time claim of the token is out of range.");
            }
            if (error != null) {
                throw new InvalidTokenException(reason(error.getErrorCode()));
            }
        }

        /** The time claims as jose4j reads them from JSON: a number, or the value that makes the claim malformed. */
        private static JwtClaims timesOf(JsonObject claims) {
            JwtClaims times = new JwtClaims();
            for (String name : NAMES) {
                JsonValue value = claims.get(name);
                if (value instanceof JsonNumber number) {
                    Number parsed = number.numberValue();
                    times.setClaim(name, parsed instanceof Integer || parsed instanceof Long
                            ? (Object) parsed.longValue() : (Object) parsed.doubleValue());
                } else if (value != null && value != JsonValue.NULL) {
                    times.setClaim(name, value.getValueType().name());
                }
            }
            return times;
        }

        private static String reason(int errorCode) {
            return switch (errorCode) {
                case ErrorCodes.EXPIRED -> "The token has expired (exp).";
                case ErrorCodes.NOT_YET_VALID -> "The token is not valid yet (nbf).";
                case ErrorCodes.ISSUED_AT_INVALID_FUTURE -> "The token was issued in the future (iat).";
                case ErrorCodes.ISSUED_AT_INVALID_PAST -> "The token is older than the maximum token age (iat).";
                case ErrorCodes.EXPIRATION_MISSING -> "The token has no expiry (exp), and one is required.";
                case ErrorCodes.ISSUED_AT_MISSING -> "The token has no issue time (iat), which the maximum token age needs.";
                default -> "The token is malformed.";
            };
        }

        private static int seconds(Duration duration) {
            return (int) Math.min(Integer.MAX_VALUE, duration.getSeconds());
        }
    }

    /**
     * What a verified token yields.
     *
     * @param claims the claims as a JSON object
     * @param deliveryId the log-safe delivery id
     */
    public record VerifiedToken(JsonObject claims, String deliveryId) {

        /** Keeps the claims out of the text form, which may reach a log line. */
        @Override
        public String toString() {
            return "VerifiedToken[delivery=" + deliveryId + ", claims=" + claims.keySet() + "]";
        }
    }
}
