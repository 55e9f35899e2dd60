package org.dialoghook.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dialoghook.internal.config.BodyLimits;
import org.dialoghook.FormBindingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class DefaultWebhookRequestTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final DeliveryBodyReader READER = new DeliveryBodyReader(JSON,
            List.of("/handler", "/handlerName", "/handler-name", "/handler_name"), BodyLimits.DEFAULTS);
    private static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    private static DefaultWebhookRequest request(String body) throws MalformedDeliveryException {
        return request(READER, body);
    }

    private static DefaultWebhookRequest request(DeliveryBodyReader reader, String body)
            throws MalformedDeliveryException {
        DeliveryBody parsed = reader.read(body.getBytes(StandardCharsets.UTF_8));
        return new DefaultWebhookRequest("sales", "dlv-123", parsed, JSON, new FormBinder(JSON, jsonb, null), true);
    }

    private static DefaultWebhookRequest withForm(String formValues) throws MalformedDeliveryException {
        return request("{\"handler\":\"echo\",\"formValues\":" + formValues + "}");
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** A form type as a handler would write it: a public static class with public fields. */
    public static class Contact {
        public String name;
        public int age;
        public boolean subscribe;
        public Double score;
    }

    /** A form type as a record. */
    public record Feedback(String title, int rating, List<String> tags) {
    }

    // ---- formValue ----

    @Test
    void aScalarAndAValueObjectReadTheSame() throws Exception {
        DefaultWebhookRequest request = withForm("{\"plain\":\"Ann\",\"wrapped\":{\"value\":\"Ann\"}}");

        assertEquals(Optional.of("Ann"), request.formValue("plain"));
        assertEquals(Optional.of("Ann"), request.formValue("wrapped"));
    }

    @Test
    void numbersAndBooleansAreGivenInJsonSpelling() throws Exception {
        DefaultWebhookRequest request = withForm("{\"int\":42,\"neg\":-7,\"dec\":3.5,\"yes\":true,\"no\":false,"
                + "\"wrappedInt\":{\"value\":42},\"wrappedBool\":{\"value\":false},\"wrappedDec\":{\"value\":0.25}}");

        assertEquals(Optional.of("42"), request.formValue("int"));
        assertEquals(Optional.of("-7"), request.formValue("neg"));
        assertEquals(Optional.of("3.5"), request.formValue("dec"));
        assertEquals(Optional.of("true"), request.formValue("yes"));
        assertEquals(Optional.of("false"), request.formValue("no"));
        assertEquals(Optional.of("42"), request.formValue("wrappedInt"));
        assertEquals(Optional.of("false"), request.formValue("wrappedBool"));
        assertEquals(Optional.of("0.25"), request.formValue("wrappedDec"));
    }

    @Test
    void jsonNullAndAbsentGiveEmpty() throws Exception {
        DefaultWebhookRequest request = withForm("{\"nothing\":null,\"wrappedNothing\":{\"value\":null}}");

        assertEquals(Optional.empty(), request.formValue("nothing"));
        assertEquals(Optional.empty(), request.formValue("wrappedNothing"));
        assertEquals(Optional.empty(), request.formValue("absent"));
    }

    @Test
    void aBodyWithoutFormValuesHasNoAnswers() throws Exception {
        DefaultWebhookRequest request = request("{\"handler\":\"echo\"}");

        assertEquals(Optional.empty(), request.formValue("name"));
        assertTrue(request.formValues().isEmpty());
    }

    @Test
    void anEmptyStringIsAnAnswer() throws Exception {
        assertEquals(Optional.of(""), withForm("{\"name\":\"\"}").formValue("name"));
    }

    @Test
    void nonAsciiAnswersSurvive() throws Exception {
        DefaultWebhookRequest request = withForm("{\"name\":\"Zoë\",\"city\":{\"value\":\"東京\"},\"mood\":\"😀\"}");

        assertEquals(Optional.of("Zoë"), request.formValue("name"));
        assertEquals(Optional.of("東京"), request.formValue("city"));
        assertEquals(Optional.of("😀"), request.formValue("mood"));
    }

    // ---- form(Class) ----

    @Test
    void bindsIntoAPublicStaticClass() throws Exception {
        Contact contact = withForm("{\"name\":\"Zoë\",\"age\":41,\"subscribe\":true,\"score\":9.5}").form(Contact.class);

        assertEquals("Zoë", contact.name);
        assertEquals(41, contact.age);
        assertTrue(contact.subscribe);
        assertEquals(9.5, contact.score);
    }

    @Test
    void bindsValueObjectAnswersAsTheirValue() throws Exception {
        Contact contact = withForm("{\"name\":{\"value\":\"Ann\"},\"age\":{\"value\":30},"
                + "\"subscribe\":{\"value\":true},\"score\":{\"value\":null}}").form(Contact.class);

        assertEquals("Ann", contact.name);
        assertEquals(30, contact.age);
        assertTrue(contact.subscribe);
        assertNull(contact.score);
    }

    @Test
    void bindsIntoARecord() throws Exception {
        Feedback feedback = withForm("{\"title\":{\"value\":\"Great\"},\"rating\":5,\"tags\":{\"value\":[\"ui\",\"東京\"]}}")
                .form(Feedback.class);

        assertEquals(new Feedback("Great", 5, List.of("ui", "東京")), feedback);
    }

    @Test
    void unknownAnswersAndMissingFieldsAreTolerated() throws Exception {
        Contact contact = withForm("{\"name\":\"Ann\",\"unexpected\":\"x\"}").form(Contact.class);

        assertEquals("Ann", contact.name);
        assertEquals(0, contact.age);
        assertNull(contact.score);
    }

    @Test
    void aTypeMismatchThrowsFormBindingExceptionNamingTheType() throws Exception {
        DefaultWebhookRequest request = withForm("{\"name\":\"Ann\",\"age\":\"not a number\"}");

        FormBindingException e = assertThrows(FormBindingException.class, () -> request.form(Contact.class));

        assertTrue(e.getMessage().contains("Contact"), e.getMessage());
        assertTrue(e.getCause() != null, "the binding failure is kept as the cause");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3000000000", "1e300", "1.5", "-2147483649", "1e-300"})
    void aNumberTheFieldCannotHoldIsAnInvalidFormNotANarrowedValue(String age) throws Exception {
        DefaultWebhookRequest request = withForm("{\"name\":\"Ann\",\"age\":" + age + "}");

        FormBindingException e = assertThrows(FormBindingException.class, () -> request.form(Contact.class));

        assertEquals(List.of(new FormBindingException.Problem("age", "cannot be read as this field's type")),
                e.problems());
    }

    @Test
    void aNumberTheFieldHoldsIsBoundAsSent() throws Exception {
        assertEquals(2147483647, withForm("{\"age\":2147483647}").form(Contact.class).age);
        assertEquals(-5, withForm("{\"age\":-5.0}").form(Contact.class).age);
    }

    @Test
    void aWrappedTypeMismatchThrowsFormBindingExceptionNamingTheType() throws Exception {
        DefaultWebhookRequest request = withForm("{\"title\":\"x\",\"rating\":{\"value\":{\"stars\":5}}}");

        FormBindingException e = assertThrows(FormBindingException.class, () -> request.form(Feedback.class));

        assertTrue(e.getMessage().contains("Feedback"), e.getMessage());
    }

    @Test
    void bindingLeavesFormValuesAsSent() throws Exception {
        DefaultWebhookRequest request = withForm("{\"name\":{\"value\":\"Ann\"}}");
        request.form(Contact.class);

        assertEquals(object("{\"name\":{\"value\":\"Ann\"}}"), request.formValues());
    }

    // ---- parameters ----

    @Test
    void parametersHoldEveryOtherTopLevelMemberInOrder() throws Exception {
        DefaultWebhookRequest request = request("{\"userId\":\"u1\",\"handler\":\"echo\",\"lang\":\"de\","
                + "\"formValues\":{\"a\":1},\"count\":3,\"flags\":{\"vip\":true},\"list\":[1,2],\"none\":null}");
        JsonObject parameters = request.parameters();

        assertEquals(List.of("userId", "lang", "count", "flags", "list", "none"), List.copyOf(parameters.keySet()));
        assertEquals(object("{\"userId\":\"u1\",\"lang\":\"de\",\"count\":3,\"flags\":{\"vip\":true},"
                + "\"list\":[1,2],\"none\":null}"), parameters);
    }

    @Test
    void parametersLeaveOutWhicheverHandlerMemberWasUsed() throws Exception {
        JsonObject parameters = request("{\"handler_name\":\"echo\",\"session\":\"s1\"}").parameters();

        assertEquals(object("{\"session\":\"s1\"}"), parameters);
    }

    @Test
    void parametersKeepTopLevelMembersWhenTheHandlerIsNested() throws Exception {
        DeliveryBodyReader nested = new DeliveryBodyReader(JSON, List.of("/meta/handler"), BodyLimits.DEFAULTS);

        DefaultWebhookRequest request = request(nested, "{\"meta\":{\"handler\":\"deep\"},\"formValues\":{},\"x\":1}");

        assertEquals("deep", request.handlerName());
        assertEquals(object("{\"meta\":{\"handler\":\"deep\"},\"x\":1}"), request.parameters());
    }

    @Test
    void parametersAreEmptyForAMinimalBody() throws Exception {
        assertTrue(request("{\"handler\":\"echo\",\"formValues\":{\"a\":1}}").parameters().isEmpty());
    }

    // ---- the rest of the view ----

    @Test
    void exposesBodyBotDeliveryIdAndHandlerName() throws Exception {
        String body = "{\"handlerName\":\"submit-feature-request\",\"formValues\":{\"t\":\"x\"},\"p\":1}";
        DefaultWebhookRequest request = request(body);

        assertEquals(object(body), request.body());
        assertEquals(List.of("handlerName", "formValues", "p"), List.copyOf(request.body().keySet()));
        assertEquals("sales", request.bot());
        assertEquals("dlv-123", request.deliveryId());
        assertEquals("submit-feature-request", request.handlerName());
    }

    @Test
    void formValuesKeepTheirOrder() throws Exception {
        DefaultWebhookRequest request = withForm("{\"z\":1,\"a\":{\"value\":2},\"m\":\"3\",\"b\":null,\"Y\":true}");

        assertEquals(List.of("z", "a", "m", "b", "Y"), List.copyOf(request.formValues().keySet()));
        assertEquals(object("{\"z\":1,\"a\":{\"value\":2},\"m\":\"3\",\"b\":null,\"Y\":true}"), request.formValues());
    }

    @Test
    void toStringNamesTheDeliveryButNotTheAnswers() throws Exception {
        String text = withForm("{\"password\":\"hunter2\"}").toString();

        assertTrue(text.contains("dlv-123"), text);
        assertTrue(text.contains("echo"), text);
        assertFalse(text.contains("hunter2"), text);
    }
}
