package org.dialoghook.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dialoghook.internal.config.BodyLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every limit on a body's shape: the value just inside passes, the value just outside is a 400. */
class BodyLimitsTest {

    private static final DeliveryBodyReader READER = new DeliveryBodyReader(JsonProvider.provider(),
            List.of("/handler"), new BodyLimits(4, 3, 20, 10, 30, 6));

    private static String refusal(String body) {
        return refusal(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(byte[] body) {
        return assertThrows(MalformedDeliveryException.class, () -> READER.read(body)).getMessage();
    }

    private static void accepted(String body) {
        assertDoesNotThrow(() -> READER.read(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nestingDepth() {
        accepted("{\"handler\":\"h\",\"a\":{\"b\":[{\"c\":1}]}}");
        assertEquals("The body nests objects and arrays deeper than 4 levels.",
                refusal("{\"handler\":\"h\",\"a\":{\"b\":[{\"c\":[1]}]}}"));
    }

    @Test
    void numberOfFormValues() {
        accepted("{\"handler\":\"h\",\"formValues\":{\"a\":1,\"b\":2,\"c\":3}}");
        assertEquals("'formValues' has more than 3 members.",
                refusal("{\"handler\":\"h\",\"formValues\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4}}"));
    }

    @Test
    void lengthOfOneString() {
        accepted("{\"handler\":\"h\",\"x\":\"" + "é".repeat(20) + "\"}");
        assertEquals("The body holds a string longer than 20 characters.",
                refusal("{\"handler\":\"h\",\"x\":\"" + "é".repeat(21) + "\"}"));
        assertEquals("The body holds a string longer than 20 characters.",
                refusal("{\"handler\":\"h\",\"" + "k".repeat(21) + "\":1}"));
    }

    @Test
    void lengthAndCharactersOfTheHandlerName() {
        accepted("{\"handler\":\"" + "h".repeat(10) + "\"}");
        assertEquals("The handler name is longer than 10 characters.", refusal("{\"handler\":\"" + "h".repeat(11) + "\"}"));
        assertEquals("The handler name holds control characters.", refusal("{\"handler\":\"ec\\r\\nho\"}"));
        assertEquals("The handler name holds control characters.", refusal("{\"handler\":\"a\\u0000b\"}"));
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() {
        byte[] body = "{\"handler\":\"h\",\"x\":\"??\"}".getBytes(StandardCharsets.US_ASCII);
        body[20] = (byte) 0xC3;
        body[21] = (byte) 0x28;
        assertEquals("The body is not valid UTF-8.", refusal(body));
    }

    @Test
    void duplicateMemberNamesAreRefused() {
        assertEquals("The body repeats the member name 'handler' in one object.",
                refusal("{\"handler\":\"a\",\"handler\":\"b\"}"));
        assertEquals("The body repeats the member name 'x' in one object.",
                refusal("{\"handler\":\"h\",\"formValues\":{\"x\":1,\"x\":2}}"));
        accepted("{\"handler\":\"h\",\"a\":{\"x\":1},\"b\":{\"x\":2}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "-9223372036854775808", "1.7976931348623157E308", "1e-400", "0.5"})
    void numbersWithinLongAndDoubleAreAccepted(String number) {
        accepted("{\"handler\":\"h\",\"n\":" + number + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1e400", "1.5e309", "-2e308",
        "1e1000000000", "123456789012345678901234567890"})
    void numbersBeyondLongOrDoubleAreRefused(String number) {
        assertEquals("The body holds a number beyond the range of a long or double.",
                refusal("{\"handler\":\"h\",\"n\":" + number + "}"));
    }

    @Test
    void membersOfOneObject() {
        accepted("{\"handler\":\"h\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}");
        assertEquals("The body has an object with more than 6 members.",
                refusal("{\"handler\":\"h\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}"));
    }

    @Test
    void lengthOfOneNumber() {
        accepted("{\"handler\":\"h\",\"n\":0.1234567890123456789012345678}");
        assertEquals("The body holds a number longer than 30 characters.",
                refusal("{\"handler\":\"h\",\"n\":0.12345678901234567890123456789}"));
    }

    @Test
    void hostileBodiesStopAtTheFirstLimitTheyBreak() {
        DeliveryBodyReader defaults = new DeliveryBodyReader(JsonProvider.provider(), List.of("/handler"),
                BodyLimits.DEFAULTS);
        assertEquals("The body nests objects and arrays deeper than 32 levels.", assertThrows(
                MalformedDeliveryException.class, () -> defaults.read(("{\"handler\":\"h\",\"a\":"
                        + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("The body holds a number longer than 64 characters.", assertThrows(
                MalformedDeliveryException.class, () -> defaults.read(("{\"handler\":\"h\",\"formValues\":{\"n\":"
                        + "9".repeat(5000) + "}}").getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("The body holds a number beyond the range of a long or double.", assertThrows(
                MalformedDeliveryException.class, () -> defaults.read(
                        "{\"handler\":\"h\",\"n\":1e-999999999}".getBytes(StandardCharsets.UTF_8))).getMessage());
    }
}
