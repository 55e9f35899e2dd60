package org.dialoghook.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dialoghook.internal.config.BodyLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryBodyReaderTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> DEFAULT_FIELDS = List.of("/handler", "/handlerName", "/handler-name", "/handler_name");
    private static final DeliveryBodyReader READER = new DeliveryBodyReader(JSON, DEFAULT_FIELDS, BodyLimits.DEFAULTS);

    /** Text that must never show up in an error message. */
    private static final String SENTINEL = "SENTINEL-7f3a";

    private static DeliveryBody read(String body) throws MalformedDeliveryException {
        return read(READER, body);
    }

    private static DeliveryBody read(DeliveryBodyReader reader, String body) throws MalformedDeliveryException {
        return reader.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(String body) {
        return assertThrows(MalformedDeliveryException.class, () -> read(body), () -> "should refuse " + body)
                .getMessage();
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    // ---- finding the handler name ----

    @ParameterizedTest
    @ValueSource(strings = {"handler", "handlerName", "handler-name", "handler_name"})
    void findsEveryHandlerFieldVariant(String member) throws Exception {
        DeliveryBody body = read("{\"" + member + "\":\"echo\",\"formValues\":{\"a\":\"1\"}}");

        assertEquals("echo", body.handlerName());
        assertEquals(member, body.handlerMember());
    }

    @Test
    void theFirstFieldInTheConfiguredOrderWins() throws Exception {
        // document order is the opposite of the configured order
        DeliveryBody body = read("{\"handler_name\":\"d\",\"handler-name\":\"c\",\"handlerName\":\"b\",\"handler\":\"a\"}");
        assertEquals("a", body.handlerName());
        assertEquals("handler", body.handlerMember());

        body = read("{\"handler_name\":\"d\",\"handler-name\":\"c\",\"handlerName\":\"b\"}");
        assertEquals("b", body.handlerName());
        assertEquals("handlerName", body.handlerMember());

        body = read("{\"handler_name\":\"d\",\"handler-name\":\"c\"}");
        assertEquals("c", body.handlerName());
        assertEquals("handler-name", body.handlerMember());
    }

    @Test
    void aCustomOrderIsHonoured() throws Exception {
        DeliveryBodyReader reader = new DeliveryBodyReader(JSON, List.of("/handler_name", "/handler"), BodyLimits.DEFAULTS);

        DeliveryBody body = read(reader, "{\"handler\":\"a\",\"handler_name\":\"z\"}");

        assertEquals("z", body.handlerName());
        assertEquals("handler_name", body.handlerMember());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "42", "true", "null", "{\"name\":\"x\"}", "[\"x\"]"})
    void anEmptyOrNonStringHandlerFieldIsSkippedForTheNext(String badValue) throws Exception {
        DeliveryBody body = read("{\"handler\":" + badValue + ",\"handlerName\":\"next\"}");

        assertEquals("next", body.handlerName());
        assertEquals("handlerName", body.handlerMember());
    }

    @Test
    void aNestedPointerFindsTheName() throws Exception {
        DeliveryBodyReader reader = new DeliveryBodyReader(JSON, List.of("/meta/handler"), BodyLimits.DEFAULTS);

        DeliveryBody body = read(reader, "{\"meta\":{\"handler\":\"deep\"},\"handler\":\"top\",\"formValues\":{}}");

        assertEquals("deep", body.handlerName());
        assertNull(body.handlerMember(), "a nested pointer names no top-level member");
    }

    @Test
    void aNestedPointerFallsBackToTheNextField() throws Exception {
        DeliveryBodyReader reader = new DeliveryBodyReader(JSON, List.of("/meta/handler", "/handler"), BodyLimits.DEFAULTS);

        for (String meta : List.of("{}", "\"text\"", "[1,2]", "null", "{\"handler\":\"\"}")) {
            DeliveryBody body = read(reader, "{\"meta\":" + meta + ",\"handler\":\"top\"}");
            assertEquals("top", body.handlerName(), meta);
            assertEquals("handler", body.handlerMember(), meta);
        }
    }

    @Test
    void aNestedPointerThatFindsNothingIsRefused() {
        DeliveryBodyReader reader = new DeliveryBodyReader(JSON, List.of("/meta/handler"), BodyLimits.DEFAULTS);

        for (String body : List.of("{\"meta\":\"x\"}", "{\"meta\":[\"x\"]}", "{\"handler\":\"top\"}")) {
            assertThrows(MalformedDeliveryException.class, () -> read(reader, body), body);
        }
    }

    @Test
    void anEscapedPointerNamesTheUnescapedMember() throws Exception {
        DeliveryBodyReader reader = new DeliveryBodyReader(JSON, List.of("/bot~1handler"), BodyLimits.DEFAULTS);

        DeliveryBody body = read(reader, "{\"bot/handler\":\"slashy\"}");

        assertEquals("slashy", body.handlerName());
        assertEquals("bot/handler", body.handlerMember());
    }

    @Test
    void handlerNameWorksOnClaimsToo() {
        assertEquals(Optional.of("b"), READER.handlerName(object("{\"handler\":\"\",\"handlerName\":\"b\"}")));
        assertEquals(Optional.empty(), READER.handlerName(object("{\"sub\":\"bot\"}")));
    }

    // ---- form values ----

    @Test
    void absentFormValuesReadAsEmpty() throws Exception {
        DeliveryBody body = read("{\"handler\":\"echo\",\"userId\":\"u1\"}");

        assertEquals(JsonValue.EMPTY_JSON_OBJECT, body.formValues());
        assertTrue(body.formValues().isEmpty());
    }

    @Test
    void formValuesAreReadAsSent() throws Exception {
        DeliveryBody body = read("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Ann\",\"age\":{\"value\":42}}}");

        assertEquals(object("{\"name\":\"Ann\",\"age\":{\"value\":42}}"), body.formValues());
        assertEquals(object("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Ann\",\"age\":{\"value\":42}}}"), body.json());
    }

    @Test
    void formValuesKeepTheirMemberOrder() throws Exception {
        DeliveryBody body = read("{\"handler\":\"echo\",\"formValues\":"
                + "{\"zeta\":1,\"alpha\":2,\"mid\":3,\"beta\":4,\"Omega\":5,\"aa\":6}}");

        assertEquals(List.of("zeta", "alpha", "mid", "beta", "Omega", "aa"), List.copyOf(body.formValues().keySet()));
    }

    @Test
    void nonAsciiSurvives() throws Exception {
        DeliveryBody body = read("{\"handler\":\"東京-handler\",\"formValues\":"
                + "{\"name\":\"Zoë\",\"city\":\"東京\",\"mood\":\"😀\",\"größe\":{\"value\":\"ü\"}}}");

        assertEquals("東京-handler", body.handlerName());
        assertEquals("Zoë", body.formValues().getString("name"));
        assertEquals("東京", body.formValues().getString("city"));
        assertEquals("😀", body.formValues().getString("mood"));
        assertEquals("ü", body.formValues().getJsonObject("größe").getString("value"));
    }

    @Test
    void escapedNonAsciiReadsTheSameAsRaw() throws Exception {
        DeliveryBody body = read("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Zo\\u00eb\",\"mood\":\"\\ud83d\\ude00\"}}");

        assertEquals("Zoë", body.formValues().getString("name"));
        assertEquals("😀", body.formValues().getString("mood"));
    }

    @Test
    void whitespaceAroundTheObjectIsAllowed() throws Exception {
        assertEquals("echo", read(" \n\t{ \"handler\" : \"echo\" }\r\n ").handlerName());
    }

    // ---- refusals (400) ----

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "{",
        "{\"handler\":",
        "{\"handler\":\"echo\",}",
        "{'handler':'echo'}",
        "{handler:\"echo\"}",
        "nul",
        "<xml/>",
    })
    void malformedJsonIsRefused(String body) {
        String message = refusal(body);
        assertTrue(message.contains("not well-formed JSON"), message);
    }

    @Test
    void anArrayBodyIsRefused() {
        String message = refusal("[{\"handler\":\"echo\"}]");
        assertTrue(message.contains("array"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"echo\"", "true", "false"})
    void aScalarBodyIsRefused(String body) {
        String message = refusal(body);
        assertTrue(message.contains("must be a JSON object"), message);
    }

    @Test
    void aNullBodyIsRefused() {
        String message = refusal("null");
        assertTrue(message.contains("must be a JSON object"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"formValues\":{}}",
        "{\"handler\":\"\"}",
        "{\"handler\":null,\"handlerName\":42,\"handler-name\":\"\",\"handler_name\":{}}",
        "{\"Handler\":\"echo\"}",
        "{\"meta\":{\"handler\":\"echo\"}}",
    })
    void aBodyWithoutAHandlerNameIsRefused(String body) {
        String message = refusal(body);
        assertTrue(message.contains("names no handler"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"a\":1}]", "\"a=1\"", "null", "42", "true"})
    void formValuesThatAreNotAnObjectAreRefused(String formValues) {
        String message = refusal("{\"handler\":\"echo\",\"formValues\":" + formValues + "}");
        assertTrue(message.contains("formValues"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"handler\":\"" + SENTINEL + "\",",
        "{\"" + SENTINEL + "\":1,}",
        "[\"" + SENTINEL + "\"]",
        "\"" + SENTINEL + "\"",
        "{\"note\":\"" + SENTINEL + "\"}",
        "{\"handler\":\"echo\",\"formValues\":\"" + SENTINEL + "\"}",
        "{\"handler\":\"echo\",\"formValues\":[\"" + SENTINEL + "\"]}",
        SENTINEL,
    })
    void theMessageNeverEchoesTheBody(String body) {
        String message = refusal(body);

        assertFalse(message.contains(SENTINEL), message);
        assertFalse(message.contains("SENTINEL"), message);
    }
}
