package org.dialoghook.it;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads a MicroProfile Health reply. */
final class HealthChecks {

    private HealthChecks() {
    }

    /**
     * The check of a name in a health reply.
     *
     * @param reply the reply of {@code /health/ready} or {@code /health/live}
     * @param name the check's name
     * @return the check
     * @throws AssertionError when the reply has no such check
     */
    static JsonObject named(JsonObject reply, String name) {
        return reply.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> name.equals(check.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + reply));
    }

    /**
     * A number in a check's data, which some servers write as a JSON string.
     *
     * @param data the check's {@code data}
     * @param key the datum
     * @return its value
     */
    static long number(JsonObject data, String key) {
        JsonValue value = data.get(key);
        if (value instanceof JsonNumber number) {
            return number.longValueExact();
        }
        if (value instanceof JsonString text) {
            return Long.parseLong(text.getString());
        }
        throw new AssertionError("no number " + key + " in " + data);
    }
}
