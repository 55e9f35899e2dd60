package org.dialoghook.internal.delivery;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a delivery body once and finds the handler name and the form values in it.
 *
 * <p>Thread-safe; build one per set of handler fields and keep it.
 */
public final class DeliveryBodyReader {

    private static final String FORM_VALUES = "formValues";

    private final JsonParserFactory parsers;
    private final List<HandlerField> handlerFields;

    /**
     * Creates a reader.
     *
     * @param provider the JSON-P provider
     * @param handlerFieldPointers JSON Pointers tried in order for the handler name
     */
    public DeliveryBodyReader(JsonProvider provider, List<String> handlerFieldPointers) {
        this.parsers = provider.createParserFactory(Map.of());
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
        JsonObject json = parseObject(bytes);
        HandlerField field = handlerField(json)
                .orElseThrow(() -> new MalformedDeliveryException("The body names no handler: none of "
                        + handlerFields.stream().map(HandlerField::describe).toList()
                        + " holds a non-empty string."));
        JsonValue form = json.get(FORM_VALUES);
        if (form != null && form.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedDeliveryException("'formValues' must be a JSON object, got "
                    + form.getValueType().name().toLowerCase(Locale.ROOT) + ".");
        }
        JsonObject formValues = form == null ? JsonValue.EMPTY_JSON_OBJECT : form.asJsonObject();
        return new DeliveryBody(json, field.name(json), field.member(), formValues);
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

    private Optional<HandlerField> handlerField(JsonObject json) {
        return handlerFields.stream().filter(field -> field.holdsName(json)).findFirst();
    }

    private JsonObject parseObject(byte[] bytes) throws MalformedDeliveryException {
        JsonValue value;
        try (JsonParser parser = parsers.createParser(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            if (!parser.hasNext()) {
                throw new MalformedDeliveryException("The body is empty; a delivery is a JSON object.");
            }
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw new MalformedDeliveryException("The body holds more than one JSON value.");
            }
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedDeliveryException(at == null
                    ? "The body is not well-formed JSON."
                    : "The body is not well-formed JSON (line " + at.getLineNumber() + ", column "
                            + at.getColumnNumber() + ").");
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedDeliveryException("The body is not well-formed JSON.");
        }
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
