package org.dialoghook.internal.capture;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.internal.auth.BodyBinding;
import org.dialoghook.internal.auth.BodyDigest;
import org.dialoghook.internal.auth.InvalidTokenException;
import org.dialoghook.internal.auth.WebhookBots.DeliveryChecks;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.MalformedDeliveryException;

/**
 * For capture mode: which of one bot's token settings a delivery meets, and which values of them it would need
 * otherwise (algorithm, signing secret, time claims, body binding mode, body-hash claim, handler field, form value
 * shape). It judges with the receiver's own pieces (the bot's verifiers, body binding, body reader and digest), so
 * its verdicts are the receiver's. Reports names, types, counts and verdicts, never a claim or body value, the
 * token or a secret.
 */
final class SettingsFit {

    private final DeliveryChecks checks;
    private final BotSettings bot;
    private final JsonProvider json;
    private final Clock clock;

    SettingsFit(DeliveryChecks checks, JsonProvider json, Clock clock) {
        this.checks = checks;
        this.bot = checks.settings();
        this.json = json;
        this.clock = clock;
    }

    boolean hasSecret() {
        return checks.verifier().isPresent();
    }

    Optional<String> handlerName(JsonObject body) {
        return checks.bodyReader().handlerName(body);
    }

    /**
     * Assesses one delivery against the bot's settings.
     *
     * @param token the Bearer token, if the request had one
     * @param view its decoded header and claims
     * @param refused why the receiver refused the delivery, or {@code null} when it accepted it
     * @param raw the raw body, or {@code null} when it was too large to read
     * @param body the parsed body, if it is JSON
     * @return the verdicts
     */
    JsonObject assess(Optional<String> token, TokenView view, DeliveryRefusedException refused, byte[] raw,
            Optional<JsonValue> body) {
        TokenSettings settings = bot.token();
        JsonObject claims = view.claims().orElse(JsonValue.EMPTY_JSON_OBJECT);
        JsonObjectBuilder out = json.createObjectBuilder();
        out.add("verdict", refused != null ? "refused with " + refused.kind().status() + ": " + refused.getMessage()
                : "accepted" + token.flatMap(text -> checks.verifier().flatMap(verifier -> verifier.signingSecret(text)))
                        .map(key -> " with the " + label(key)).orElse(""));
        token.ifPresent(text -> {
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

    private String signature(String token) {
        if (checks.verifier().isEmpty()) {
            return "not checked: the bot has no secret";
        }
        return checks.verifier().get().signingSecret(token)
                .map(key -> "made with the " + label(key) + " (" + bot.settingName(key) + ")")
                .orElse("made with none of the bot's secrets, or not an HMAC signature");
    }

    /** How the report names the secret of a setting key. */
    private static String label(String secretKey) {
        return secretKey.equals("secret") ? "current secret" : "previous secret";
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
                .add("claims", checks.bodyReader().handlerFieldOf(claims).orElse("none"));
        if (body.isPresent() && body.get() instanceof JsonObject object) {
            Optional<String> match = checks.bodyReader().handlerFieldOf(object);
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

    private JsonObject bodyBinding(JsonObject claims, byte[] raw, TokenSettings settings) {
        JsonObjectBuilder out = json.createObjectBuilder()
                .add("setting", bot.settingName("body-binding") + "=" + settings.bodyBinding().settingValue());
        JsonObjectBuilder modes = json.createObjectBuilder();
        byte[] digest = BodyDigest.sha256(raw);
        for (BodyBindingMode mode : BodyBindingMode.values()) {
            modes.add(mode.settingValue(), check(new BodyBinding(mode, settings.bodyHashClaim(), checks.bodyReader(), json),
                    claims, raw, digest));
        }
        out.add("modes", modes);
        if (!claims.containsKey(settings.bodyHashClaim())) {
            JsonArrayBuilder candidates = json.createArrayBuilder();
            for (Map.Entry<String, JsonValue> claim : claims.entrySet()) {
                if (claim.getValue() instanceof JsonString text && BodyDigest.matches(text.getString(), digest)) {
                    candidates.add(bot.settingName("body-hash-claim") + "=" + claim.getKey());
                }
            }
            out.add("hashClaim", "'" + settings.bodyHashClaim() + "' is absent").add("hashClaimCandidates", candidates);
        } else {
            out.add("hashClaim", "'" + settings.bodyHashClaim() + "' is present");
        }
        return out.build();
    }

    private String check(BodyBinding binding, JsonObject claims, byte[] raw, byte[] digest) {
        try {
            binding.checkHash(claims, digest);
            DeliveryBody body = checks.bodyReader().read(raw);
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
}
