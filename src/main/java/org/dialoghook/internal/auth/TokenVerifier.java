package org.dialoghook.internal.auth;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.NumericDateValidator;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.InvalidAlgorithmException;

/**
 * Verifies one bot's tokens with jose4j: an HMAC signature with the bot's secret, an algorithm from the
 * allow-list, and {@code exp}/{@code nbf}/{@code iat} against the injected clock with a symmetric skew.
 *
 * <p>The jose4j consumer is built once; thread-safe.
 */
public final class TokenVerifier {

    private final JwtConsumer consumer;
    private final JsonProvider json;

    /**
     * Builds the verifier for one secret.
     *
     * @param secret the bot's secret
     * @param settings the token settings
     * @param clock the clock time claims are checked against
     * @param json the JSON-P provider the claims are parsed with
     */
    public TokenVerifier(Secret secret, TokenSettings settings, Clock clock, JsonProvider json) {
        this.json = json;
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.keyBytes()))
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        settings.algorithms().toArray(String[]::new)))
                .setSkipAllDefaultValidators()
                .registerValidator(new TimeClaims(settings, clock))
                .build();
    }

    /**
     * Verifies a compact token.
     *
     * @param token the token from the {@code Authorization} header
     * @return the verified claims as JSON, with the delivery id
     * @throws InvalidTokenException with a short, token-free reason
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        JwtContext context;
        try {
            context = consumer.process(token);
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException(reason(e), e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID));
        }
        try {
            String jti = context.getJwtClaims().getJwtId();
            String deliveryId = jti == null ? DeliveryIds.fromToken(token) : DeliveryIds.fromJti(jti);
            // closed, so that the parser's buffer goes back to JSON-P's pool instead of being made anew each time
            try (JsonReader reader = json.createReader(new StringReader(context.getJwtClaims().getRawJson()))) {
                return new VerifiedToken(reader.readObject(), deliveryId);
            }
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("The token's jti claim is not a string.");
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return "The token has expired (exp).";
        } else if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "The token is not valid yet (nbf).";
        } else if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "The token was issued in the future (iat).";
        } else if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return "The token is older than the maximum token age (iat).";
        } else if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "The token has no expiry (exp), and one is required.";
        } else if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return "The token has no issue time (iat), which the maximum token age needs.";
        } else if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
            return "A time claim of the token is malformed.";
        } else if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "The token's signature does not match the bot's secret.";
        } else if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "The token is not signed.";
        } else if (e.hasErrorCode(ErrorCodes.JSON_INVALID)) {
            return "The token's claims are not a JSON object.";
        } else if (causedBy(e, InvalidAlgorithmException.class)) {
            return "The token's algorithm is not accepted.";
        }
        return "The token is malformed.";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** jose4j's own time-claim rules, evaluated at the injected clock's time on every call. */
    private static final class TimeClaims implements ErrorCodeValidator {

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

        @Override
        public Error validate(JwtContext context) throws MalformedClaimException {
            NumericDateValidator rules = new NumericDateValidator();
            rules.setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()));
            rules.setAllowedClockSkewSeconds(skewSeconds);
            rules.setRequireExp(requireExp);
            rules.setIatAllowedSecondsInTheFuture(0);
            if (maxAgeSeconds != null) {
                rules.setRequireIat(true);
                rules.setIatAllowedSecondsInThePast(maxAgeSeconds);
            }
            return rules.validate(context);
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
