package org.dialoghook.console;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Clock;
import java.util.UUID;
import org.dialoghook.internal.config.Secret;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Makes a new token for a recorded delivery, for a replay that must run its handler again: the same claims and
 * algorithm, a new {@code jti}, and {@code iat} and {@code exp} moved to now (the token's lifetime kept), signed
 * with the bot's secret by jose4j. The new token goes from the server to itself and is never shown.
 */
final class Resigner {

    private Resigner() {
    }

    /**
     * Signs the token again.
     *
     * @param token the recorded token
     * @param secret the bot's secret
     * @param clock the clock {@code iat} and {@code exp} are set from
     * @param json the JSON-P provider
     * @return the new compact token
     * @throws IllegalArgumentException when the recorded token is not a readable JWS
     */
    static String resign(String token, Secret secret, Clock clock, JsonProvider json) {
        try {
            if (!(JsonWebStructure.fromCompactSerialization(token) instanceof JsonWebSignature recorded)) {
                throw new IllegalArgumentException("the recorded token is not a JWS");
            }
            JsonObject claims;
            try (JsonReader reader = json.createReader(new StringReader(recorded.getUnverifiedPayload()))) {
                claims = reader.readObject();
            }
            long now = clock.instant().getEpochSecond();
            JsonObjectBuilder moved = json.createObjectBuilder(claims).add("jti", UUID.randomUUID().toString());
            if (claims.get("iat") instanceof JsonNumber iat) {
                moved.add("iat", now);
                if (claims.get("exp") instanceof JsonNumber exp) {
                    moved.add("exp", now + exp.longValue() - iat.longValue());
                }
                if (claims.get("nbf") instanceof JsonNumber) {
                    moved.add("nbf", now);
                }
            }
            JsonWebSignature signed = new JsonWebSignature();
            signed.setPayload(moved.build().toString());
            signed.setAlgorithmHeaderValue(recorded.getAlgorithmHeaderValue());
            signed.setHeader("typ", "JWT");
            signed.setKey(new HmacKey(secret.keyBytes()));
            signed.setDoKeyValidation(false);
            return signed.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalArgumentException("the recorded token cannot be signed again: " + e.getClass().getSimpleName());
        }
    }
}
