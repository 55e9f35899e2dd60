package org.dialoghook.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dialoghook.Block;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.internal.delivery.JsonSupport;

/**
 * Fuzzes the reply writer with what handlers may hand to their {@link ResponseBuilder}: control characters,
 * unpaired surrogates, huge and nested attributes.
 *
 * <p>An input is one builder call per line, written as a JSON array so that any string can be spelled:
 * {@code ["text", t]}, {@code ["pointer", id]}, {@code ["image", url, alt]},
 * {@code ["buttons", t, [title, "block:" + id or "url:" + url], ...]}, {@code ["attr", name, value]} (a JSON value,
 * read as the Java values a handler would set: strings, numbers, booleans, lists and maps),
 * {@code ["double", name, number or "NaN" or "Infinity"]} and {@code ["big", name, count, piece]} (the piece
 * repeated, up to a mebibyte). The properties: a builder call fails only with the {@link IllegalArgumentException}
 * its checks document; the written reply parses back as UTF-8 JSON with the same blocks, texts and attribute
 * names (an unpaired surrogate written as {@code ?}, as UTF-8 must).
 */
class ReplyWriterFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_BIG = 1 << 20;
    private static final int MAX_NESTING = 64;
    private static final ReplyWriter WRITER = new ReplyWriter();

    static {
        WRITER.json = new JsonSupport();
    }

    @FuzzTest
    void toJson(byte[] input) {
        ResponseBuilder response = new ResponseBuilder();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            JsonArray call = parseCall(line);
            if (call != null) {
                try {
                    apply(response, call);
                } catch (IllegalArgumentException refused) {
                    // documented: a block id that is not 24 hexadecimal digits, a buttons block without buttons, a
                    // button with both or neither of block id and url
                }
            }
        }
        Reply reply = response.build();
        JsonObject written = parse(WRITER.toJson(reply));

        JsonArray blocks = written.getJsonArray("blocks");
        assertEquals(reply.blocks().size(), blocks.size(), "the number of blocks");
        for (int i = 0; i < blocks.size(); i++) {
            assertBlock(reply.blocks().get(i), blocks.getJsonObject(i));
        }
        if (reply.attributes().isEmpty()) {
            assertNull(written.get("attributes"), "attributes written for none");
        } else {
            Set<String> names = reply.attributes().keySet().stream().map(ReplyWriterFuzzTest::utf8)
                    .collect(Collectors.toSet());
            assertEquals(names, written.getJsonObject("attributes").keySet(), "the attribute names");
        }
    }

    private static void apply(ResponseBuilder response, JsonArray call) {
        String kind = text(call, 0);
        switch (kind) {
            case "text" -> response.pushText(text(call, 1));
            case "pointer" -> response.pushBlockPointer(text(call, 1));
            case "image" -> response.pushImage(text(call, 1), text(call, 2));
            case "buttons" -> {
                List<Block.Button> buttons = new ArrayList<>();
                for (int i = 2; i < call.size(); i++) {
                    if (call.get(i) instanceof JsonArray button) {
                        String target = text(button, 1);
                        buttons.add(target.startsWith("url:") ? Block.Button.toUrl(text(button, 0), target.substring(4))
                                : Block.Button.toBlock(text(button, 0), target.replaceFirst("^block:", "")));
                    }
                }
                response.pushButtons(text(call, 1), buttons);
            }
            case "attr" -> {
                Object value = call.size() > 2 ? handlerValue(call.get(2), 0) : null;
                if (value != null) {
                    response.setAttribute(text(call, 1), value);
                }
            }
            case "double" -> response.setAttribute(text(call, 1), doubleOf(call.size() > 2 ? call.get(2) : null));
            case "big" -> {
                int count = call.size() > 2 && call.get(2) instanceof JsonNumber number
                        ? Math.floorMod(number.intValue(), MAX_BIG + 1) : 0;
                String piece = text(call, 3);
                int times = piece.isEmpty() ? 0 : Math.max(1, count / piece.length());
                response.setAttribute(text(call, 1), piece.repeat(times));
            }
            default -> {
                // not a call: the line is skipped
            }
        }
    }

    /** A JSON value as a handler would set it: String, Integer, Long, BigDecimal, Boolean, List, Map. */
    private static Object handlerValue(JsonValue value, int depth) {
        if (depth > MAX_NESTING) {
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                if (number.isIntegral() && number.bigDecimalValue().precision() <= 18) {
                    long whole = number.longValue();
                    yield whole == (int) whole ? (Object) (int) whole : (Object) whole;
                }
                yield number.bigDecimalValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonValue item : value.asJsonArray()) {
                    list.add(handlerValue(item, depth + 1));
                }
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((name, member) -> map.put(name, handlerValue(member, depth + 1)));
                yield map;
            }
        };
    }

    private static Double doubleOf(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.doubleValue();
        }
        String text = value instanceof JsonString string ? string.getString() : "";
        return switch (text) {
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "-0" -> -0.0;
            default -> Double.NaN;
        };
    }

    /** The written block is the block: its kind and, written as UTF-8 writes them, its texts. */
    private static void assertBlock(Block block, JsonObject written) {
        if (block instanceof Block.Pointer pointer) {
            assertEquals(pointer.id(), written.getString("id"));
            assertFalse(written.containsKey("type"), "a pointer with a type");
        } else if (block instanceof Block.Text text) {
            assertEquals("text", written.getString("type"));
            assertEquals(utf8(text.text()), written.getString("text"));
        } else if (block instanceof Block.Buttons buttons) {
            assertEquals("buttons", written.getString("type"));
            assertEquals(utf8(buttons.text()), written.getString("text"));
            JsonArray list = written.getJsonArray("buttons");
            assertEquals(buttons.buttons().size(), list.size(), "the number of buttons");
            for (int i = 0; i < list.size(); i++) {
                Block.Button button = buttons.buttons().get(i);
                JsonObject wire = list.getJsonObject(i);
                assertEquals(utf8(button.title()), wire.getString("title"));
                assertEquals(button.blockId(), wire.getString("blockId", null));
                assertEquals(button.url() == null ? null : utf8(button.url()), wire.getString("url", null));
            }
        } else if (block instanceof Block.Image image) {
            assertEquals("image", written.getString("type"));
            assertEquals(utf8(image.url()), written.getString("url"));
            assertEquals(utf8(image.alt()), written.getString("alt"));
        }
    }

    /** Parses the written reply as strict UTF-8 JSON; bytes that do not decode or parse fail the test. */
    private static JsonObject parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the reply is not UTF-8", e);
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static JsonArray parseCall(String line) {
        try (JsonReader reader = JSON.createReader(new StringReader(line))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonArray array && !array.isEmpty() ? array : null;
        } catch (RuntimeException e) {
            return null; // not a call
        }
    }

    private static String text(JsonArray call, int index) {
        return index < call.size() && call.get(index) instanceof JsonString text ? text.getString() : "";
    }

    /** A string as it reads back from its UTF-8 bytes: an unpaired surrogate becomes {@code ?}. */
    private static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
