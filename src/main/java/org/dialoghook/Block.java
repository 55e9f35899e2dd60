package org.dialoghook;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a bot reply: a pointer to a block built in the LogicDialog portal, or content built in code.
 *
 * <p>Handlers normally create blocks through {@link ResponseBuilder}; the records are public so that
 * tests can compare a {@link Reply} with the blocks they expect.
 */
public sealed interface Block permits Block.Pointer, Block.Text, Block.Buttons, Block.Image {

    /**
     * Continue the conversation with an existing block of the bot, by its 24-hex-digit id.
     *
     * @param id the block id, for example {@code 60db2d02d19a13bc109c5bd4}
     */
    record Pointer(String id) implements Block {

        private static final Pattern BLOCK_ID = Pattern.compile("[0-9a-fA-F]{24}");

        /**
         * Validates the id.
         *
         * @param id the block id
         * @throws IllegalArgumentException when the id is not 24 hexadecimal digits
         */
        public Pointer {
            requireBlockId(id, "block id");
        }

        static String requireBlockId(String id, String what) {
            if (id == null || !BLOCK_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(what + " must be 24 hexadecimal digits, got "
                        + (id == null ? "null" : "'" + abbreviate(id) + "'"));
            }
            return id;
        }

        private static String abbreviate(String value) {
            return value.length() <= 40 ? value : value.substring(0, 40) + "...";
        }
    }

    /**
     * A text message.
     *
     * @param text the message
     */
    record Text(String text) implements Block {

        /** Validates the text. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A message with buttons.
     *
     * @param text the message above the buttons
     * @param buttons the buttons, at least one
     */
    record Buttons(String text, List<Button> buttons) implements Block {

        /** Validates and copies the buttons. */
        public Buttons {
            Objects.requireNonNull(text, "text");
            buttons = List.copyOf(buttons);
            if (buttons.isEmpty()) {
                throw new IllegalArgumentException("a buttons block needs at least one button");
            }
        }
    }

    /**
     * An image.
     *
     * @param url where the image is
     * @param alt the text shown where the image cannot be
     */
    record Image(String url, String alt) implements Block {

        /** Validates the image. */
        public Image {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(alt, "alt");
        }
    }

    /**
     * A button of a {@link Buttons} block: it either continues with a block or opens a URL.
     *
     * @param title the button's label
     * @param blockId the block to continue with, or {@code null} for a link button
     * @param url the address to open, or {@code null} for a block button
     */
    record Button(String title, String blockId, String url) {

        /** Validates that exactly one of block id and URL is set. */
        public Button {
            Objects.requireNonNull(title, "title");
            if ((blockId == null) == (url == null)) {
                throw new IllegalArgumentException("a button has either a block id or a url");
            }
            if (blockId != null) {
                Pointer.requireBlockId(blockId, "button block id");
            }
        }

        /**
         * A button that continues the conversation with a block.
         *
         * @param title the label
         * @param blockId the 24-hex-digit block id
         * @return the button
         */
        public static Button toBlock(String title, String blockId) {
            return new Button(title, blockId, null);
        }

        /**
         * A button that opens an address.
         *
         * @param title the label
         * @param url the address
         * @return the button
         */
        public static Button toUrl(String title, String url) {
            return new Button(title, null, Objects.requireNonNull(url, "url"));
        }
    }
}
