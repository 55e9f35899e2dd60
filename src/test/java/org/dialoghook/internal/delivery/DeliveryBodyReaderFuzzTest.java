package org.dialoghook.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.dialoghook.internal.config.BodyLimits;

/**
 * Fuzzes the reading of a delivery body with bytes nobody chose, under the default limits and under tight ones
 * (with a nested handler field).
 *
 * <p>The properties: only {@link MalformedDeliveryException} escapes; a body that is returned is a JSON object
 * within every limit (nesting depth, string length, number range, members per object, count of form values,
 * handler name length), its
 * handler name is non-empty, free of control characters and the one its handler field holds, and its form values
 * are its {@code formValues} member.
 */
class DeliveryBodyReaderFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> DEFAULT_FIELDS = List.of("/handler", "/handlerName", "/handler-name",
            "/handler_name");
    private static final BodyLimits TIGHT = new BodyLimits(3, 2, 16, 8, 12, 4);
    private static final List<String> TIGHT_FIELDS = List.of("/meta/handler", "/handler");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final DeliveryBodyReader DEFAULTS = new DeliveryBodyReader(JSON, DEFAULT_FIELDS, BodyLimits.DEFAULTS);
    private static final DeliveryBodyReader TIGHTLY = new DeliveryBodyReader(JSON, TIGHT_FIELDS, TIGHT);

    @FuzzTest
    void read(byte[] body) {
        check(DEFAULTS, BodyLimits.DEFAULTS, DEFAULT_FIELDS, body);
        check(TIGHTLY, TIGHT, TIGHT_FIELDS, body);
    }

    private static void check(DeliveryBodyReader reader, BodyLimits limits, List<String> fields, byte[] bytes) {
        DeliveryBody body;
        try {
            body = reader.read(bytes);
        } catch (MalformedDeliveryException refused) {
            assertNotNull(refused.getMessage());
            return;
        }
        JsonObject json = body.json();
        assertTrue(depth(json) <= limits.maxDepth(), () -> "nested deeper than " + limits.maxDepth());
        assertWithin(json, limits);

        String name = body.handlerName();
        assertFalse(name.isEmpty(), "an empty handler name");
        assertTrue(name.length() <= limits.maxHandlerNameLength(), "a handler name over the limit");
        assertTrue(name.chars().noneMatch(Character::isISOControl), "a handler name with control characters");
        assertEquals(firstHandlerName(json, fields), name, "not the first handler field's name");
        if (body.handlerMember() != null) {
            assertEquals(name, json.getString(body.handlerMember()), "the handler member does not hold the name");
        }

        JsonValue form = json.get("formValues");
        assertEquals(form == null ? JsonValue.EMPTY_JSON_OBJECT : form, body.formValues());
        assertTrue(body.formValues().size() <= limits.maxFormValues(), "more form values than the limit");
    }

    /** How deeply objects and arrays nest, the body itself being depth 1. */
    private static int depth(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> 1 + value.asJsonObject().values().stream().mapToInt(DeliveryBodyReaderFuzzTest::depth)
                    .max().orElse(0);
            case ARRAY -> 1 + value.asJsonArray().stream().mapToInt(DeliveryBodyReaderFuzzTest::depth).max().orElse(0);
            default -> 0;
        };
    }

    /** Every member name and string within the string limit, every number a long or a finite double. */
    private static void assertWithin(JsonValue value, BodyLimits limits) {
        switch (value.getValueType()) {
            case OBJECT -> {
                assertTrue(value.asJsonObject().size() <= limits.maxMembers(), "an object with more members than the limit");
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    assertTrue(member.getKey().length() <= limits.maxStringLength(), "a member name over the limit");
                    assertWithin(member.getValue(), limits);
                }
            }
            case ARRAY -> value.asJsonArray().forEach(item -> assertWithin(item, limits));
            case STRING -> assertTrue(((JsonString) value).getString().length() <= limits.maxStringLength(),
                    "a string over the limit");
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                BigDecimal decimal = number.bigDecimalValue();
                if (number.isIntegral()) {
                    BigInteger integer = decimal.toBigIntegerExact();
                    assertTrue(integer.compareTo(LONG_MIN) >= 0 && integer.compareTo(LONG_MAX) <= 0,
                            () -> "an integer beyond a long: " + decimal);
                } else {
                    assertTrue(Double.isFinite(decimal.doubleValue()), () -> "a number beyond a double: " + decimal);
                }
            }
            default -> {
                // true, false and null have no limit
            }
        }
    }

    /** The name at the first handler field that holds a non-empty string, as the settings document it. */
    private static String firstHandlerName(JsonObject json, List<String> fields) {
        for (String field : fields) {
            JsonValue value = json;
            for (String member : field.substring(1).split("/")) {
                value = value instanceof JsonObject object ? object.get(member) : null;
            }
            if (value instanceof JsonString text && !text.getString().isEmpty()) {
                return text.getString();
            }
        }
        return null;
    }
}
