package org.dialoghook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the bot's reply to a delivery; the receiver writes it as
 * {@code {"blocks":[...],"attributes":{...}}}.
 *
 * <p>Prefer {@link #pushBlockPointer(String)}: the content then stays editable in the LogicDialog portal
 * without redeploying code. A builder belongs to one delivery and is not thread-safe.
 *
 * <pre>{@code
 * response.pushText("Your ticket is filed.")
 *         .pushBlockPointer("60db2d02d19a13bc109c5bd4")
 *         .setAttribute("ticketId", 4711);
 * }</pre>
 */
public final class ResponseBuilder {

    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    /** Creates an empty builder; handler tests may create their own. */
    public ResponseBuilder() {
        // an empty reply
    }

    /**
     * Continues the conversation with an existing block.
     *
     * @param blockId the block's 24-hex-digit id
     * @return this builder
     * @throws IllegalArgumentException when the id is not 24 hexadecimal digits
     */
    public ResponseBuilder pushBlockPointer(String blockId) {
        return push(new Block.Pointer(blockId));
    }

    /**
     * Adds a text message.
     *
     * @param text the message
     * @return this builder
     */
    public ResponseBuilder pushText(String text) {
        return push(new Block.Text(text));
    }

    /**
     * Adds a message with buttons.
     *
     * @param text the message above the buttons
     * @param buttons at least one button, made with {@link Block.Button#toBlock} or {@link Block.Button#toUrl}
     * @return this builder
     */
    public ResponseBuilder pushButtons(String text, Block.Button... buttons) {
        return push(new Block.Buttons(text, List.of(buttons)));
    }

    /**
     * Adds a message with buttons.
     *
     * @param text the message above the buttons
     * @param buttons at least one button
     * @return this builder
     */
    public ResponseBuilder pushButtons(String text, List<Block.Button> buttons) {
        return push(new Block.Buttons(text, buttons));
    }

    /**
     * Adds an image.
     *
     * @param url where the image is
     * @param alt the text shown where the image cannot be
     * @return this builder
     */
    public ResponseBuilder pushImage(String url, String alt) {
        return push(new Block.Image(url, alt));
    }

    /**
     * Adds a block made elsewhere.
     *
     * @param block the block
     * @return this builder
     */
    public ResponseBuilder push(Block block) {
        blocks.add(Objects.requireNonNull(block, "block"));
        return this;
    }

    /**
     * Sets a conversation attribute; a later call with the same name replaces the value.
     *
     * @param name the attribute name
     * @param value any value JSON-B can write: a string, number, boolean, list, map or bean
     * @return this builder
     * @throws IllegalArgumentException when the value is, or its lists, maps and arrays hold, a {@code double} or
     *         {@code float} that is NaN or infinite, which JSON cannot hold
     */
    public ResponseBuilder setAttribute(String name, Object value) {
        Objects.requireNonNull(name, "name");
        requireFinite(Objects.requireNonNull(value, "value"), Collections.newSetFromMap(new IdentityHashMap<>()));
        attributes.put(name, value);
        return this;
    }

    /**
     * Refuses NaN and infinity where JSON-B would meet them: the reply could not be written after the handler ran.
     * Lists, maps (their values) and arrays are searched, each once; the fields of beans are not.
     */
    private static void requireFinite(Object value, Set<Object> searched) {
        if (value instanceof Double number && !Double.isFinite(number)
                || value instanceof Float single && !Float.isFinite(single)) {
            throw new IllegalArgumentException("an attribute holds " + value + ", which JSON cannot hold");
        }
        if (value instanceof double[] numbers) {
            Arrays.stream(numbers).forEach(number -> requireFinite(number, searched));
        } else if (value instanceof float[] numbers) {
            for (float number : numbers) {
                requireFinite(number, searched);
            }
        } else if ((value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Object[])
                && searched.add(value)) {
            Iterable<?> items = value instanceof Map<?, ?> map ? map.values()
                    : value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
            for (Object item : items) {
                requireFinite(item, searched);
            }
        }
    }

    /**
     * Returns the reply built so far.
     *
     * @return an immutable reply
     */
    public Reply build() {
        return new Reply(blocks, attributes);
    }
}
