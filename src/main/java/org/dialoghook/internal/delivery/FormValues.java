package org.dialoghook.internal.delivery;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import java.util.Optional;

/** Reads form answers the same whether the platform sent a scalar or an object with a {@code value} member. */
public final class FormValues {

    private FormValues() {
    }

    /**
     * The answer itself: {@code x} for {@code {"value": x}}, the value unchanged otherwise.
     *
     * @param value a form value
     * @return the answer
     */
    public static JsonValue unwrap(JsonValue value) {
        if (value instanceof JsonObject object && object.containsKey("value")) {
            return object.get("value");
        }
        return value;
    }

    /**
     * The same form with every answer unwrapped, order kept.
     *
     * @param provider the JSON-P provider to build with
     * @param form the form values as sent
     * @return the unwrapped form values
     */
    public static JsonObject unwrapAll(JsonProvider provider, JsonObject form) {
        JsonObjectBuilder builder = provider.createObjectBuilder();
        for (Map.Entry<String, JsonValue> entry : form.entrySet()) {
            builder.add(entry.getKey(), unwrap(entry.getValue()));
        }
        return builder.build();
    }

    /**
     * An answer as text: strings as they are, other scalars in their JSON spelling, JSON {@code null} as empty.
     *
     * @param value a form value, or {@code null} when absent
     * @return the text
     */
    public static Optional<String> text(JsonValue value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonValue answer = unwrap(value);
        if (answer instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        return answer.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(answer.toString());
    }
}
