package org.dialoghook.internal.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dialoghook.Block;
import org.dialoghook.Reply;
import org.dialoghook.internal.delivery.JsonSupport;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * Writes a {@link Reply} as the contract's {@code {"blocks":[...],"attributes":{...}}} with JSON-B; the one
 * place that knows the wire shape of blocks.
 */
@ApplicationScoped
public class ReplyWriter {

    @Inject
    JsonSupport json;

    /**
     * The reply as UTF-8 JSON.
     *
     * @param reply the handler's reply
     * @return the body to send
     */
    public byte[] toJson(Reply reply) {
        return toJson(reply, json.jsonb());
    }

    /**
     * A reply as UTF-8 JSON, written with the given JSON-B instance.
     *
     * @param reply the handler's reply
     * @param jsonb the JSON-B instance
     * @return the body to send
     */
    public static byte[] toJson(Reply reply, Jsonb jsonb) {
        List<Object> blocks = reply.blocks().stream().map(ReplyWriter::wire).toList();
        Map<String, Object> attributes = reply.attributes().isEmpty() ? null : reply.attributes();
        // through a string: JSON-B writing to a stream encodes through an 8 KiB buffer of its own for every reply
        return jsonb.toJson(new WireReply(blocks, attributes)).getBytes(StandardCharsets.UTF_8);
    }

    private static Object wire(Block block) {
        if (block instanceof Block.Pointer pointer) {
            return new WirePointer(pointer.id());
        } else if (block instanceof Block.Text text) {
            return new WireText("text", text.text());
        } else if (block instanceof Block.Buttons buttons) {
            return new WireButtons("buttons", buttons.text(), buttons.buttons().stream()
                    .map(button -> new WireButton(button.title(), button.blockId(), button.url())).toList());
        }
        Block.Image image = (Block.Image) block;
        return new WireImage("image", image.url(), image.alt());
    }

    /** The reply document; {@code attributes} is {@code null}, and so left out, when empty. */
    @JsonbPropertyOrder({"blocks", "attributes"})
    @Schema(name = "Reply", description = "The bot's reply; see docs/handlers.md", properties = {
        @SchemaProperty(name = "blocks", type = SchemaType.ARRAY, description = "Block pointers {\"id\": \"<24 hex>\"} "
                + "and inline blocks with a type: text, buttons, image"),
        @SchemaProperty(name = "attributes", type = SchemaType.OBJECT, description = "Attributes to set on the "
                + "conversation; left out when there are none")
    })
    public record WireReply(List<Object> blocks, Map<String, Object> attributes) {
    }

    /** A block pointer: {@code {"id": ...}}. */
    public record WirePointer(String id) {
    }

    /** A text block. */
    @JsonbPropertyOrder({"type", "text"})
    public record WireText(String type, String text) {
    }

    /** A buttons block. */
    @JsonbPropertyOrder({"type", "text", "buttons"})
    public record WireButtons(String type, String text, List<WireButton> buttons) {
    }

    /** One button; the unused one of {@code blockId} and {@code url} is left out. */
    @JsonbPropertyOrder({"title", "blockId", "url"})
    public record WireButton(String title, String blockId, String url) {
    }

    /** An image block. */
    @JsonbPropertyOrder({"type", "url", "alt"})
    public record WireImage(String type, String url, String alt) {
    }
}
