package org.dialoghook.internal.capture;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a JSON value without its values: objects keep their member names, every scalar becomes the name
 * of its JSON type ({@code "string"}, {@code "number"}, {@code "boolean"}, {@code "null"}), and an array becomes
 * the list of its elements' distinct shapes.
 */
final class JsonShape {

    private final JsonProvider json;

    JsonShape(JsonProvider json) {
        this.json = json;
    }

    /**
     * The shape of a value.
     *
     * @param value any JSON value
     * @return its shape
     */
    JsonValue of(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> object(value.asJsonObject());
            case ARRAY -> array(value.asJsonArray());
            default -> json.createValue(typeName(value));
        };
    }

    /**
     * The name of a value's JSON type.
     *
     * @param value any JSON value
     * @return {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null}
     */
    static String typeName(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE -> "boolean";
            default -> value.getValueType().name().toLowerCase(Locale.ROOT);
        };
    }

    private JsonObject object(JsonObject object) {
        JsonObjectBuilder shape = json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : object.entrySet()) {
            shape.add(member.getKey(), of(member.getValue()));
        }
        return shape.build();
    }

    private JsonArray array(JsonArray array) {
        Set<JsonValue> shapes = new LinkedHashSet<>();
        array.forEach(element -> shapes.add(of(element)));
        JsonArrayBuilder shape = json.createArrayBuilder();
        shapes.forEach(shape::add);
        return shape.build();
    }
}
