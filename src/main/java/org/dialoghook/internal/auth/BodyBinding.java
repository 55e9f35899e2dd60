package org.dialoghook.internal.auth;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Optional;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.FormValues;

/**
 * Checks that a verified token vouches for the body it came with, as {@code dialoghook.body-binding} says:
 * a body-hash claim against the raw bytes, and body fields carried in the claims against the parsed body.
 */
public final class BodyBinding {

        private static final String FORM_VALUES = "formValues";

    private final BodyBindingMode mode;
    private final String hashClaim;
    private final DeliveryBodyReader bodies;
    private final JsonProvider json;

    /**
     * Creates the check.
     *
     * @param mode the binding mode
     * @param hashClaim the name of the body-hash claim
     * @param bodies the reader that finds the handler field, in claims as in bodies
     * @param json the JSON-P provider
     */
    public BodyBinding(BodyBindingMode mode, String hashClaim, DeliveryBodyReader bodies, JsonProvider json) {
        this.mode = mode;
        this.hashClaim = hashClaim;
        this.bodies = bodies;
        this.json = json;
    }

    /**
     * The check on the raw bytes, made before the body is parsed.
     *
     * @param claims the verified claims
     * @param digest the SHA-256 digest of the raw body ({@link BodyDigest#sha256})
     * @throws InvalidTokenException when the body-hash claim is required and missing, or does not match
     */
    public void checkHash(JsonObject claims, byte[] digest) throws InvalidTokenException {
        boolean applies = mode == BodyBindingMode.HASH
                || mode == BodyBindingMode.AUTO && claims.containsKey(hashClaim);
        if (!applies) {
            return;
        }
        JsonValue claim = claims.get(hashClaim);
        if (claim == null) {
            throw new InvalidTokenException("The token carries no '" + hashClaim + "' claim, which body binding 'hash' requires.");
        }
        if (!(claim instanceof JsonString text) || BodyDigest.decode(text.getString()).isEmpty()) {
            throw new InvalidTokenException("The '" + hashClaim + "' claim is not a SHA-256 digest in hex or base64url.");
        }
        if (!BodyDigest.matches(text.getString(), digest)) {
            throw new InvalidTokenException("The body does not match the token's '" + hashClaim + "' claim.");
        }
    }

    /**
     * The check on the parsed body: the handler name and form values the claims carry.
     *
     * @param claims the verified claims
     * @param body the parsed body
     * @throws InvalidTokenException when the claims required by the mode are missing or differ from the body
     */
    public void checkClaims(JsonObject claims, DeliveryBody body) throws InvalidTokenException {
        if (mode != BodyBindingMode.AUTO && mode != BodyBindingMode.CLAIMS) {
            return;
        }
        Optional<String> claimedHandler = bodies.handlerName(claims);
        if (claimedHandler.isEmpty() && mode == BodyBindingMode.CLAIMS) {
            throw new InvalidTokenException("The token's claims name no handler, which body binding 'claims' requires.");
        }
        if (claimedHandler.isPresent() && !claimedHandler.get().equals(body.handlerName())) {
            throw new InvalidTokenException("The body's handler name differs from the one in the token's claims.");
        }
        JsonValue claimedForm = claims.get(FORM_VALUES);
        if (claimedForm == null && mode == BodyBindingMode.CLAIMS) {
            claimedForm = JsonValue.EMPTY_JSON_OBJECT;
        }
        if (claimedForm != null && !sameForm(claimedForm, body.formValues())) {
            throw new InvalidTokenException("The body's form values differ from those in the token's claims.");
        }
    }

    private boolean sameForm(JsonValue claimed, JsonObject delivered) {
        return claimed instanceof JsonObject claimedObject
                && FormValues.unwrapAll(json, claimedObject).equals(FormValues.unwrapAll(json, delivered));
    }
}
