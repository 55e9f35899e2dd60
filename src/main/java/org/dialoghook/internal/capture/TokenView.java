package org.dialoghook.internal.capture;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The decoded header and claims of a compact token, read without verifying it, for capture mode. The signature
 * part is never decoded or kept.
 *
 * @param header the decoded header, or empty when it is not a JSON object
 * @param claims the decoded claims, or empty when they are not a JSON object
 */
record TokenView(Optional<JsonObject> header, Optional<JsonObject> claims) {

    /**
     * Decodes a compact token's first two parts.
     *
     * @param token the compact token
     * @param json the JSON-P provider
     * @return the view; empty parts when the token is not a compact JWS of JSON objects
     */
    static TokenView of(String token, JsonProvider json) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new TokenView(Optional.empty(), Optional.empty());
        }
        return new TokenView(decode(parts[0], json), decode(parts[1], json));
    }

    private static Optional<JsonObject> decode(String part, JsonProvider json) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
            JsonValue value = json.createReader(new StringReader(text)).readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (RuntimeException e) {
            // not base64url, or not JSON: JSON-P refuses hostile input with exceptions of its own besides JsonException
            return Optional.empty();
        }
    }
}
