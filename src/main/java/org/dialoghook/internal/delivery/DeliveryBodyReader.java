package org.dialoghook.internal.delivery;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.CharArrayReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dialoghook.internal.config.BodyLimits;

/**
 * Parses a delivery body once and finds the handler name and the form values in it.
 *
 * <p>Thread-safe; build one per set of handler fields and keep it.
 */
public final class DeliveryBodyReader {

    private static final String FORM_VALUES = "formValues";

    private final LimitedJsonReader json;
    private final BodyLimits limits;
    private final List<HandlerField> handlerFields;

    /**
     * Creates a reader with limits on the body's shape.
     *
     * @param provider the JSON-P provider
     * @param handlerFieldPointers JSON Pointers tried in order for the handler name
     * @param limits the limits
     */
    public DeliveryBodyReader(JsonProvider provider, List<String> handlerFieldPointers, BodyLimits limits) {
        this.limits = limits;
        this.json = new LimitedJsonReader(provider, limits);
        this.handlerFields = handlerFieldPointers.stream()
                .map(pointer -> new HandlerField(pointer, provider.createPointer(pointer), topLevelMember(pointer)))
                .toList();
    }

    /**
     * Parses and checks a body.
     *
     * @param bytes the raw body, UTF-8
     * @return the parsed body
     * @throws MalformedDeliveryException when it is not JSON or not a delivery's shape
     */
    public DeliveryBody read(byte[] bytes) throws MalformedDeliveryException {
        JsonObject json = parseObject(decode(bytes));
        HandlerField field = handlerField(json)
                .orElseThrow(() -> new MalformedDeliveryException("The body names no handler: none of "
                        + handlerFields.stream().map(HandlerField::describe).toList()
                        + " holds a non-empty string."));
        String handlerName = field.name(json);
        if (handlerName.length() > limits.maxHandlerNameLength()) {
            throw new MalformedDeliveryException("The handler name is longer than " + limits.maxHandlerNameLength()
                    + " characters.");
        }
        if (handlerName.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedDeliveryException("The handler name holds control characters.");
        }
        JsonValue form = json.get(FORM_VALUES);
        if (form != null && form.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedDeliveryException("'formValues' must be a JSON object, got "
                    + form.getValueType().name().toLowerCase(Locale.ROOT) + ".");
        }
        JsonObject formValues = form == null ? JsonValue.EMPTY_JSON_OBJECT : form.asJsonObject();
        if (formValues.size() > limits.maxFormValues()) {
            throw new MalformedDeliveryException("'formValues' has more than " + limits.maxFormValues() + " members.");
        }
        return new DeliveryBody(json, handlerName, field.member(), formValues);
    }

    /**
     * The handler name a JSON object carries at the first matching handler field (used on token claims too).
     *
     * @param json a body or a claims set
     * @return the name, or empty when no handler field holds a non-empty string
     */
    public Optional<String> handlerName(JsonObject json) {
        return handlerField(json).map(field -> field.name(json));
    }

    /**
     * The first handler field that holds a name in a JSON object, as its setting spells it.
     *
     * @param json a body or a claims set
     * @return the JSON Pointer, or empty when no handler field holds a non-empty string
     */
    public Optional<String> handlerFieldOf(JsonObject json) {
        return handlerField(json).map(HandlerField::describe);
    }

    private Optional<HandlerField> handlerField(JsonObject json) {
        for (HandlerField field : handlerFields) {   // a loop: a stream per lookup showed in the profile
            if (field.holdsName(json)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static CharBuffer decode(byte[] bytes) throws MalformedDeliveryException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new MalformedDeliveryException("The body is not valid UTF-8.");
        }
    }

    private JsonObject parseObject(CharBuffer text) throws MalformedDeliveryException {
        JsonValue value = json.read(new CharArrayReader(text.array(), text.position(), text.remaining()), "The body");
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedDeliveryException("The body must be a JSON object, got "
                    + value.getValueType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return value.asJsonObject();
    }

    private static String topLevelMember(String pointer) {
        String rest = pointer.substring(1);
        return rest.contains("/") ? null : rest.replace("~1", "/").replace("~0", "~");
    }

    private record HandlerField(String text, JsonPointer pointer, String member) {

        boolean holdsName(JsonObject json) {
            try {
                return pointer.containsValue(json)
                        && pointer.getValue(json) instanceof JsonString name
                        && !name.getString().isEmpty();
            } catch (JsonException e) {
                return false;
            }
        }

        String name(JsonObject json) {
            return ((JsonString) pointer.getValue(json)).getString();
        }

        String describe() {
            return text;
        }
    }
}
