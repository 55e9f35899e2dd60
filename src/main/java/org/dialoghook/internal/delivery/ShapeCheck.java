package org.dialoghook.internal.delivery;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.dialoghook.internal.config.BodyLimits;

/**
 * Checks a parsed body against the limits: nesting depth, string length, and numbers that fit a
 * {@code long} (integers) or a finite {@code double} (the rest).
 */
final class ShapeCheck {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int MAX_LONG_DIGITS = 19;
    private static final int MAX_DOUBLE_DIGITS = 309;

    private final BodyLimits limits;

    ShapeCheck(BodyLimits limits) {
        this.limits = limits;
    }

    void check(JsonValue body) throws MalformedDeliveryException {
        visit(body, 1);
    }

    private void visit(JsonValue value, int depth) throws MalformedDeliveryException {
        switch (value.getValueType()) {
            case OBJECT -> {
                requireDepth(depth);
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    requireLength(member.getKey());
                    visit(member.getValue(), depth + 1);
                }
            }
            case ARRAY -> {
                requireDepth(depth);
                for (JsonValue item : (JsonArray) value) {
                    visit(item, depth + 1);
                }
            }
            case STRING -> requireLength(((JsonString) value).getString());
            case NUMBER -> requireRepresentable((JsonNumber) value);
            default -> {
                // true, false and null need no check
            }
        }
    }

    private void requireDepth(int depth) throws MalformedDeliveryException {
        if (depth > limits.maxDepth()) {
            throw new MalformedDeliveryException("The body nests objects and arrays deeper than " + limits.maxDepth()
                    + " levels.");
        }
    }

    private void requireLength(String text) throws MalformedDeliveryException {
        if (text.length() > limits.maxStringLength()) {
            throw new MalformedDeliveryException("The body holds a string longer than " + limits.maxStringLength()
                    + " characters.");
        }
    }

    private static void requireRepresentable(JsonNumber number) throws MalformedDeliveryException {
        BigDecimal decimal = number.bigDecimalValue();
        long integerDigits = (long) decimal.precision() - decimal.scale();
        boolean fits;
        if (number.isIntegral()) {
            fits = integerDigits <= MAX_LONG_DIGITS && decimal.toBigInteger().compareTo(LONG_MIN) >= 0
                    && decimal.toBigInteger().compareTo(LONG_MAX) <= 0;
        } else {
            fits = integerDigits <= MAX_DOUBLE_DIGITS && !Double.isInfinite(decimal.doubleValue());
        }
        if (!fits) {
            throw new MalformedDeliveryException("The body holds a number beyond the range of a long or double.");
        }
    }
}
