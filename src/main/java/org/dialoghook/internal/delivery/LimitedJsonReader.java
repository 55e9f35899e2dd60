package org.dialoghook.internal.delivery;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.dialoghook.internal.config.BodyLimits;

/**
 * Reads one JSON value from text with JSON-P's streaming parser and builds it while the limits hold: nesting
 * depth, characters per string (member names and values), characters per number and its range (a {@code long}
 * or a finite {@code double}), members per object, and no member name twice in one object. Every limit is
 * checked on the parser's event, before the value it guards is built, and nesting is followed with a stack of its
 * own, never by recursion; so no input within the size limit gets further than the first limit it breaks, and
 * whatever the parser itself throws is a malformed input like any other. Thread-safe; build one and keep it.
 */
public final class LimitedJsonReader {

    private static final int MAX_LONG_DIGITS = 19;
    private static final int MAX_DOUBLE_DIGITS = 309;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final JsonProvider provider;
    private final JsonParserFactory parsers;
    private final BodyLimits limits;

    /**
     * Creates the reader.
     *
     * @param provider the JSON-P provider
     * @param limits the limits to hold the text to
     */
    public LimitedJsonReader(JsonProvider provider, BodyLimits limits) {
        this.provider = provider;
        this.parsers = provider.createParserFactory(Map.of());
        this.limits = limits;
    }

    /**
     * Reads exactly one JSON value.
     *
     * @param text the text
     * @param what how messages name the text, for example {@code "The body"}
     * @return the value, objects keeping their members in document order
     * @throws MalformedDeliveryException when the text is not one JSON value, or breaks a limit
     */
    public JsonValue read(Reader text, String what) throws MalformedDeliveryException {
        try (JsonParser parser = parsers.createParser(text)) {
            if (!parser.hasNext()) {
                throw new MalformedDeliveryException(what + " is empty; a JSON value was expected.");
            }
            JsonValue value = readValue(parser, what);
            if (parser.hasNext()) {
                throw new MalformedDeliveryException(what + " holds more than one JSON value.");
            }
            return value;
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw new MalformedDeliveryException(at == null || at.getLineNumber() < 0
                    ? what + " is not well-formed JSON."
                    : what + " is not well-formed JSON (line " + at.getLineNumber() + ", column "
                            + at.getColumnNumber() + ").");
        } catch (JsonException | IllegalStateException | ArithmeticException | NumberFormatException e) {
            // what a parser may throw on input it cannot take, whatever its own limits are
            throw new MalformedDeliveryException(what + " is not well-formed JSON.");
        }
    }

    private JsonValue readValue(JsonParser parser, String what) throws MalformedDeliveryException {
        Deque<Container> open = new ArrayDeque<>();
        while (parser.hasNext()) {
            JsonParser.Event event = parser.next();
            JsonValue done = null;
            switch (event) {
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() + 1 > limits.maxDepth()) {
                        throw new MalformedDeliveryException(what + " nests objects and arrays deeper than "
                                + limits.maxDepth() + " levels.");
                    }
                    open.push(event == JsonParser.Event.START_OBJECT
                            ? new Container(provider.createObjectBuilder(), null, new HashSet<>())
                            : new Container(null, provider.createArrayBuilder(), null));
                    continue;
                }
                case KEY_NAME -> {
                    Container object = open.peek();
                    String name = requireLength(parser.getString(), what);
                    if (object.names().size() >= limits.maxMembers()) {
                        throw new MalformedDeliveryException(what + " has an object with more than "
                                + limits.maxMembers() + " members.");
                    }
                    if (!object.names().add(name)) {
                        throw new MalformedDeliveryException(what + " repeats the member name '" + LogText.safe(name)
                                + "' in one object.");
                    }
                    object.key = name;
                    continue;
                }
                case VALUE_STRING -> done = provider.createValue(requireLength(parser.getString(), what));
                case VALUE_NUMBER -> done = number(parser.getString(), what);
                case VALUE_TRUE -> done = JsonValue.TRUE;
                case VALUE_FALSE -> done = JsonValue.FALSE;
                case VALUE_NULL -> done = JsonValue.NULL;
                case END_OBJECT -> done = open.pop().object().build();
                case END_ARRAY -> done = open.pop().array().build();
                default -> throw new MalformedDeliveryException(what + " is not well-formed JSON.");
            }
            if (open.isEmpty()) {
                return done;
            }
            open.peek().add(done);
        }
        throw new MalformedDeliveryException(what + " is not well-formed JSON.");
    }

    private String requireLength(String text, String what) throws MalformedDeliveryException {
        if (text.length() > limits.maxStringLength()) {
            throw new MalformedDeliveryException(what + " holds a string longer than " + limits.maxStringLength()
                    + " characters.");
        }
        return text;
    }

    /**
     * A number whose text is within the length limit, and whose value a {@code long} or a {@code double} holds: an
     * integer within a {@code long}'s range, or a decimal whose exponent keeps it within a {@code double}'s (so that
     * no later conversion has to build a number of millions of digits).
     */
    private JsonValue number(String text, String what) throws MalformedDeliveryException {
        if (text.length() > limits.maxNumberLength()) {
            throw new MalformedDeliveryException(what + " holds a number longer than " + limits.maxNumberLength()
                    + " characters.");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw outOfRange(what); // an exponent beyond an int's range
        }
        long integerDigits = (long) value.precision() - value.scale();
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (integral) {
            if (integerDigits > MAX_LONG_DIGITS || value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
                throw outOfRange(what);
            }
            return provider.createValue(value.longValueExact());
        }
        if (integerDigits > MAX_DOUBLE_DIGITS || integerDigits < -MAX_DOUBLE_DIGITS - MAX_DOUBLE_DIGITS
                || Double.isInfinite(value.doubleValue())) {
            throw outOfRange(what);
        }
        return provider.createValue(value);
    }

    private static MalformedDeliveryException outOfRange(String what) {
        return new MalformedDeliveryException(what + " holds a number beyond the range of a long or double.");
    }

    /** An object or array being read: exactly one of its builders is set; an object also knows its names. */
    private static final class Container {

        private final JsonObjectBuilder object;
        private final JsonArrayBuilder array;
        private final Set<String> names;
        private String key;

        Container(JsonObjectBuilder object, JsonArrayBuilder array, Set<String> names) {
            this.object = object;
            this.array = array;
            this.names = names;
        }

        JsonObjectBuilder object() {
            return object;
        }

        JsonArrayBuilder array() {
            return array;
        }

        Set<String> names() {
            return names;
        }

        void add(JsonValue value) {
            if (object != null) {
                object.add(key, value);
            } else {
                array.add(value);
            }
        }
    }
}
