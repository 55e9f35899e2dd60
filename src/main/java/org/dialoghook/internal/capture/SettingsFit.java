package org.dialoghook.internal.capture;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.internal.auth.BodyBinding;
import org.dialoghook.internal.auth.InvalidTokenException;
import org.dialoghook.internal.auth.TokenVerifier;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * For capture mode: which of one bot's token settings a delivery meets, and which values of them it would need
 * otherwise (algorithm, signature, time claims, body binding mode, body-hash claim, handler field, form value
 * shape). Reports names, types, counts and verdicts, never a claim or body value, the token or a secret.
 */
final class SettingsFit {

    private static final AlgorithmConstraints HMAC_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256,
            AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512);

    private final BotSettings bot;
    private final Optional<TokenVerifier> current;
    private final Optional<TokenVerifier> previous;
    private final DeliveryBodyReader bodyReader;
    private final JsonProvider json;
    private final Clock clock;

    SettingsFit(BotSettings bot, Optional<TokenVerifier> current, Optional<TokenVerifier> previous,
            DeliveryBodyReader bodyReader, JsonProvider json, Clock clock) {
        this.bot = bot;
        this.current = current;
        this.previous = previous;
        this.bodyReader = bodyReader;
        this.json = json;
        this.clock = clock;
    }

    boolean hasSecret() {
        return current.isPresent();
    }

    Optional<String> handlerName(JsonObject body) {
        return bodyReader.handlerName(body);
    }

    /**
     * Assesses one delivery against the bot's settings.
     *
     * @param token the Bearer token, if the request had one
     * @param view its decoded header and claims
     * @param raw the raw body, or {@code null} when it was too large to read
     * @param body the parsed body, if it is JSON
     * @return the verdicts
     */
    JsonObject assess(Optional<String> token, TokenView view, byte[] raw, Optional<JsonValue> body) {
        TokenSettings settings = bot.token();
        JsonObject claims = view.claims().orElse(JsonValue.EMPTY_JSON_OBJECT);
        JsonObjectBuilder out = json.createObjectBuilder();
        token.ifPresent(text -> {
            out.add("verdict", verdict(text));
            out.add("signature", signature(text));
            out.add("algorithm", algorithm(view.header().orElse(JsonValue.EMPTY_JSON_OBJECT), settings));
            out.add("timeClaims", timeClaims(claims, settings));
            out.add("deliveryId", claims.get("jti") instanceof JsonString ? "from jti" : "a hash of the token");
        });
        out.add("handlerField", handlerField(claims, body, settings));
        if (raw != null && token.isPresent()) {
            out.add("bodyBinding", bodyBinding(claims, raw, settings));
        }
        body.filter(JsonObject.class::isInstance).ifPresent(value -> out.add("formValues", formValues(value.asJsonObject())));
        return out.build();
    }

    private String verdict(String token) {
        if (current.isEmpty()) {
            return bot.isDefault() ? "refused with 503: the bot has no secret" : "refused with 404: the bot has no secret";
        }
        try {
            current.get().verify(token);
            return "accepted with the current secret";
        } catch (InvalidTokenException refused) {
            if (refused.signatureMismatch() && previous.isPresent()) {
                try {
                    previous.get().verify(token);
                    return "accepted with the previous secret";
                } catch (InvalidTokenException refusedToo) {
                    if (!refusedToo.signatureMismatch()) {
                        return "refused: " + refusedToo.getMessage();
                    }
                }
            }
            return "refused: " + refused.getMessage();
        }
    }

    private String signature(String token) {
        if (bot.secret().filter(secret -> signedWith(secret, token)).isPresent()) {
            return "made with the current secret (" + bot.settingName("secret") + ")";
        }
        if (bot.previousSecret().filter(secret -> signedWith(secret, token)).isPresent()) {
            return "made with the previous secret (" + bot.settingName("previous-secret") + ")";
        }
        return bot.secret().isPresent() ? "made with none of the bot's secrets, or not an HMAC signature"
                : "not checked: the bot has no secret";
    }

    private static boolean signedWith(Secret secret, String token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(HMAC_ONLY);
            jws.setCompactSerialization(token);
            jws.setKey(new HmacKey(secret.keyBytes()));
            jws.setDoKeyValidation(false);
            return jws.verifySignature();
        } catch (JoseException e) {
            return false;
        }
    }

    private JsonObject algorithm(JsonObject header, TokenSettings settings) {
        String alg = header.get("alg") instanceof JsonString text ? text.getString() : null;
        JsonObjectBuilder out = json.createObjectBuilder()
                .add("alg", alg == null ? "absent" : alg)
                .add("setting", bot.settingName("jwt.algorithms") + "=" + String.join(",", settings.algorithms()));
        boolean hmac = alg != null && alg.matches("HS(256|384|512)");
        if (alg != null && settings.algorithms().contains(alg)) {
            out.add("fits", "yes");
        } else if (hmac) {
            out.add("fits", "no: add " + alg + " to " + bot.settingName("jwt.algorithms"));
        } else {
            out.add("fits", "no: only HS256, HS384 and HS512 can ever be accepted");
        }
        return out.build();
    }

    private JsonObject timeClaims(JsonObject claims, TokenSettings settings) {
        long now = clock.instant().getEpochSecond();
        JsonObjectBuilder out = json.createObjectBuilder();
        for (String name : new String[] {"exp", "nbf", "iat"}) {
            JsonValue value = claims.get(name);
            if (value == null) {
                out.add(name, "absent");
            } else if (value instanceof JsonNumber number) {
                long delta = number.longValue() - now;
                out.add(name, delta >= 0 ? delta + " s from now" : -delta + " s ago");
            } else {
                out.add(name, "not a number");
            }
        }
        return out.add("settings", bot.settingName("jwt.clock-skew") + "=" + settings.clockSkew().getSeconds() + "s, "
                + bot.settingName("jwt.max-age") + "=" + settings.maxAge().map(age -> age.getSeconds() + "s").orElse("not set")
                + ", " + bot.settingName("jwt.require-exp") + "=" + settings.requireExp()).build();
    }

    private JsonObject handlerField(JsonObject claims, Optional<JsonValue> body, TokenSettings settings) {
        JsonArrayBuilder configured = json.createArrayBuilder();
        settings.handlerFields().forEach(configured::add);
        JsonObjectBuilder out = json.createObjectBuilder()
                .add("setting", bot.settingName("handler-field") + "=" + String.join(",", settings.handlerFields()))
                .add("claims", firstMatch(claims, settings).orElse("none"));
        if (body.isPresent() && body.get() instanceof JsonObject object) {
            Optional<String> match = firstMatch(object, settings);
            out.add("body", match.orElse("none"));
            if (match.isEmpty()) {
                JsonArrayBuilder candidates = json.createArrayBuilder();
                object.forEach((member, value) -> {
                    if (value instanceof JsonString text && !text.getString().isEmpty()) {
                        candidates.add("/" + member.replace("~", "~0").replace("/", "~1"));
                    }
                });
                out.add("candidates", candidates);
            }
        }
        return out.build();
    }

    private Optional<String> firstMatch(JsonObject object, TokenSettings settings) {
        for (String pointer : settings.handlerFields()) {
            try {
                JsonPointer at = json.createPointer(pointer);
                if (at.containsValue(object) && at.getValue(object) instanceof JsonString text && !text.getString().isEmpty()) {
                    return Optional.of(pointer);
                }
            } catch (JsonException e) {
                // the pointer does not fit this document
            }
        }
        return Optional.empty();
    }

    private JsonObject bodyBinding(JsonObject claims, byte[] raw, TokenSettings settings) {
        JsonObjectBuilder out = json.createObjectBuilder()
                .add("setting", bot.settingName("body-binding") + "=" + settings.bodyBinding().settingValue());
        JsonObjectBuilder modes = json.createObjectBuilder();
        for (BodyBindingMode mode : BodyBindingMode.values()) {
            modes.add(mode.settingValue(), check(new BodyBinding(mode, settings.bodyHashClaim(), bodyReader, json), claims, raw));
        }
        out.add("modes", modes);
        if (!claims.containsKey(settings.bodyHashClaim())) {
            byte[] digest = sha256(raw);
            JsonArrayBuilder candidates = json.createArrayBuilder();
            for (Map.Entry<String, JsonValue> claim : claims.entrySet()) {
                if (claim.getValue() instanceof JsonString text && MessageDigest.isEqual(digest, decodeDigest(text.getString()))) {
                    candidates.add(bot.settingName("body-hash-claim") + "=" + claim.getKey());
                }
            }
            out.add("hashClaim", "'" + settings.bodyHashClaim() + "' is absent").add("hashClaimCandidates", candidates);
        } else {
            out.add("hashClaim", "'" + settings.bodyHashClaim() + "' is present");
        }
        return out.build();
    }

    private String check(BodyBinding binding, JsonObject claims, byte[] raw) {
        try {
            binding.checkHash(claims, raw);
            DeliveryBody body = bodyReader.read(raw);
            binding.checkClaims(claims, body);
            return "fits";
        } catch (InvalidTokenException | MalformedDeliveryException e) {
            return "no: " + e.getMessage();
        }
    }

    private JsonObject formValues(JsonObject body) {
        JsonValue form = body.get("formValues");
        JsonObjectBuilder out = json.createObjectBuilder();
        if (form == null) {
            return out.add("fits", "yes: absent, read as an empty form").build();
        }
        if (!(form instanceof JsonObject answers)) {
            return out.add("fits", "no: formValues is " + JsonShape.typeName(form) + ", not an object").build();
        }
        int scalars = 0;
        int valueObjects = 0;
        int other = 0;
        for (JsonValue answer : answers.values()) {
            if (answer instanceof JsonObject object) {
                if (object.containsKey("value")) {
                    valueObjects++;
                } else {
                    other++;
                }
            } else if (answer.getValueType() == JsonValue.ValueType.ARRAY) {
                other++;
            } else {
                scalars++;
            }
        }
        return out.add("answers", answers.size()).add("scalars", scalars).add("valueObjects", valueObjects)
                .add("other", other)
                .add("fits", other == 0 ? "yes" : "partly: " + other + " answers are neither a scalar nor a {value} "
                        + "object; handlers read them as JSON text")
                .build();
    }

    private static byte[] decodeDigest(String text) {
        try {
            return text.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(text) : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] sha256(byte[] raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
