package org.dialoghook.console;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * What the console shows of a request's token: its header and claims as jose4j reads them, never its signature
 * (the secret's work) and never the token itself.
 */
final class TokenClaims {

    private static final String BEARER = "bearer ";

    private TokenClaims() {
    }

    /**
     * The token's header and claims.
     *
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param json the JSON-P provider
     * @return {@code {"header": {...}, "claims": {...}}}, or empty when there is no readable Bearer token
     */
    static Optional<JsonObject> of(String authorization, JsonProvider json) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            if (!(JsonWebStructure.fromCompactSerialization(authorization.substring(BEARER.length()).trim())
                    instanceof JsonWebSignature token)) {
                return Optional.empty();
            }
            return Optional.of(json.createObjectBuilder()
                    .add("header", parse(token.getHeaders().getFullHeaderAsJsonString(), json))
                    .add("claims", parse(token.getUnverifiedPayload(), json))
                    .build());
        } catch (JoseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JsonValue parse(String text, JsonProvider json) {
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
