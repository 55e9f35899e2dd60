package org.dialoghook.console;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.testkit.DeliverySigner;

/**
 * Turns what the console's page composed into a delivery signed the way a bot's settings expect it: the bot's
 * first handler field, an accepted algorithm (HS256 when accepted), and the body bound by a hash claim, by the
 * claims, or by the signature alone, as its body binding asks. The test kit's signer does the signing.
 */
final class Composer {

    private static final String PREFERRED_ALGORITHM = "HS256";

    private Composer() {
    }

    /**
     * Builds and signs a delivery.
     *
     * @param composed {@code {"handler": "...", "formValues": {...}, "parameters": {...}}}, or
     *        {@code {"rawBody": "..."}} to sign a body as written
     * @param bot the bot's settings
     * @param key the bot's secret's bytes
     * @return the signed delivery
     * @throws IllegalArgumentException when what was composed names no handler and has no raw body
     */
    static DeliverySigner.SignedDelivery sign(JsonObject composed, BotSettings bot, byte[] key) {
        TokenSettings token = bot.token();
        DeliverySigner signer = DeliverySigner.withKey(key)
                .algorithm(token.algorithms().contains(PREFERRED_ALGORITHM) ? PREFERRED_ALGORITHM
                        : token.algorithms().stream().sorted().findFirst().orElse(PREFERRED_ALGORITHM))
                .handlerField(topLevelMember(token.handlerFields().get(0)))
                .hashClaim(token.bodyHashClaim())
                .binding(switch (token.bodyBinding()) {
                    case CLAIMS -> DeliverySigner.Binding.CLAIMS;
                    case SIGNATURE_ONLY -> DeliverySigner.Binding.NONE;
                    case AUTO, HASH -> DeliverySigner.Binding.HASH;
                });
        if (composed.get("rawBody") instanceof JsonString raw) {
            return signer.rawBody(raw.getString()).sign();
        }
        if (!(composed.get("handler") instanceof JsonString handler) || handler.getString().isBlank()) {
            throw new IllegalArgumentException("name a handler, or give a raw body");
        }
        signer.handler(handler.getString());
        for (Map.Entry<String, JsonValue> value : members(composed, "formValues").entrySet()) {
            signer.formValue(value.getKey(), value.getValue());
        }
        for (Map.Entry<String, JsonValue> parameter : members(composed, "parameters").entrySet()) {
            signer.parameter(parameter.getKey(), parameter.getValue());
        }
        return signer.sign();
    }

    private static JsonObject members(JsonObject composed, String name) {
        JsonValue value = composed.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(name + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    /** The member a pointer such as {@code /handler} names; a deeper pointer's first step. */
    private static String topLevelMember(String pointer) {
        String member = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        int slash = member.indexOf('/');
        return (slash < 0 ? member : member.substring(0, slash)).replace("~1", "/").replace("~0", "~");
    }
}
