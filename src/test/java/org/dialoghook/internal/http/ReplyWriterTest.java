package org.dialoghook.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dialoghook.Block;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.internal.delivery.JsonSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

    private static final String BLOCK_A = "60db2d02d19a13bc109c5bd4";
    private static final String BLOCK_B = "60DB2D02D19A13BC109C5BD5";

    private static final JsonSupport JSON_SUPPORT = new JsonSupport();

    private ReplyWriter writer;

    @BeforeEach
    void createWriter() {
        writer = new ReplyWriter();
        writer.json = JSON_SUPPORT;
    }

    /** Writes the reply and parses it back as UTF-8 JSON. */
    private JsonObject write(ResponseBuilder response) {
        return write(response.build());
    }

    private JsonObject write(Reply reply) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(writer.toJson(reply)))) {
            return reader.readObject();
        }
    }

    private String writeText(ResponseBuilder response) {
        return new String(writer.toJson(response.build()), StandardCharsets.UTF_8);
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static JsonObject onlyBlock(JsonObject reply) {
        JsonArray blocks = reply.getJsonArray("blocks");
        assertEquals(1, blocks.size(), reply.toString());
        return blocks.getJsonObject(0);
    }

    // ---- block shapes ----

    @Test
    void anEmptyReplyIsAnEmptyBlockList() {
        assertEquals(object("{\"blocks\":[]}"), write(new ResponseBuilder()));
    }

    @Test
    void aBlockPointerIsJustItsId() {
        ResponseBuilder response = new ResponseBuilder().pushBlockPointer(BLOCK_A);

        assertEquals(object("{\"blocks\":[{\"id\":\"" + BLOCK_A + "\"}]}"), write(response));
        assertEquals("{\"blocks\":[{\"id\":\"" + BLOCK_A + "\"}]}", writeText(response));
        assertFalse(onlyBlock(write(response)).containsKey("type"), "a pointer has no type");
    }

    @Test
    void aBlockPointerKeepsTheIdsCase() {
        assertEquals(BLOCK_B, onlyBlock(write(new ResponseBuilder().pushBlockPointer(BLOCK_B))).getString("id"));
    }

    @Test
    void aTextBlock() {
        JsonObject block = onlyBlock(write(new ResponseBuilder().pushText("Your ticket is filed.")));

        assertEquals(object("{\"type\":\"text\",\"text\":\"Your ticket is filed.\"}"), block);
        assertEquals("text", block.getString("type"));
    }

    @Test
    void aTextBlockEscapesQuotesBackslashesAndNewlines() {
        String text = "say \"hi\"\\ then\nnew line\ttab";

        assertEquals(text, onlyBlock(write(new ResponseBuilder().pushText(text))).getString("text"));
    }

    @Test
    void aButtonsBlockWithABlockButtonAndALinkButton() {
        JsonObject block = onlyBlock(write(new ResponseBuilder().pushButtons("Pick one",
                Block.Button.toBlock("Talk to sales", BLOCK_A),
                Block.Button.toUrl("Docs", "https://example.com/docs?a=1&b=2"))));

        assertEquals(object("{\"type\":\"buttons\",\"text\":\"Pick one\",\"buttons\":["
                + "{\"title\":\"Talk to sales\",\"blockId\":\"" + BLOCK_A + "\"},"
                + "{\"title\":\"Docs\",\"url\":\"https://example.com/docs?a=1&b=2\"}]}"), block);
        assertEquals("buttons", block.getString("type"));
    }

    @Test
    void aButtonLeavesOutTheUnusedTarget() {
        JsonArray buttons = onlyBlock(write(new ResponseBuilder().pushButtons("t",
                Block.Button.toBlock("b", BLOCK_A), Block.Button.toUrl("u", "https://example.com"))))
                .getJsonArray("buttons");

        JsonObject blockButton = buttons.getJsonObject(0);
        assertEquals(List.of("title", "blockId"), List.copyOf(blockButton.keySet()));
        assertFalse(blockButton.containsKey("url"));

        JsonObject linkButton = buttons.getJsonObject(1);
        assertEquals(List.of("title", "url"), List.copyOf(linkButton.keySet()));
        assertFalse(linkButton.containsKey("blockId"));
    }

    @Test
    void anImageBlock() {
        JsonObject block = onlyBlock(write(new ResponseBuilder().pushImage("https://example.com/cat.png", "A cat")));

        assertEquals(object("{\"type\":\"image\",\"url\":\"https://example.com/cat.png\",\"alt\":\"A cat\"}"), block);
        assertEquals("image", block.getString("type"));
    }

    @Test
    void inlineBlocksPutTheTypeFirst() {
        JsonArray blocks = write(new ResponseBuilder().pushText("t")
                .pushButtons("b", Block.Button.toUrl("u", "https://example.com"))
                .pushImage("https://example.com/i.png", "i")).getJsonArray("blocks");

        assertEquals(List.of("type", "text"), List.copyOf(blocks.getJsonObject(0).keySet()));
        assertEquals(List.of("type", "text", "buttons"), List.copyOf(blocks.getJsonObject(1).keySet()));
        assertEquals(List.of("type", "url", "alt"), List.copyOf(blocks.getJsonObject(2).keySet()));
    }

    // ---- attributes ----

    @Test
    void attributesAreOmittedWhenEmpty() {
        JsonObject reply = write(new ResponseBuilder().pushText("hi"));

        assertFalse(reply.containsKey("attributes"), reply.toString());
        assertEquals(List.of("blocks"), List.copyOf(reply.keySet()));
    }

    @Test
    void attributesArePresentInInsertionOrder() {
        JsonObject reply = write(new ResponseBuilder().pushBlockPointer(BLOCK_A)
                .setAttribute("zeta", "last-alphabetically")
                .setAttribute("ticketId", 4711)
                .setAttribute("alpha", true)
                .setAttribute("ratio", 2.5)
                .setAttribute("tags", List.of("a", "b"))
                .setAttribute("nested", Map.of("k", "v")));

        assertEquals(List.of("blocks", "attributes"), List.copyOf(reply.keySet()));
        JsonObject attributes = reply.getJsonObject("attributes");
        assertEquals(List.of("zeta", "ticketId", "alpha", "ratio", "tags", "nested"), List.copyOf(attributes.keySet()));
        assertEquals(object("{\"zeta\":\"last-alphabetically\",\"ticketId\":4711,\"alpha\":true,\"ratio\":2.5,"
                + "\"tags\":[\"a\",\"b\"],\"nested\":{\"k\":\"v\"}}"), attributes);
    }

    /** An attribute value that is a bean of the handler's own. */
    public record Ticket(String id, int priority) {
    }

    @Test
    void aBeanAttributeIsWrittenAsAnObject() {
        JsonObject attributes = write(new ResponseBuilder().setAttribute("ticket", new Ticket("T-1", 2)))
                .getJsonObject("attributes");

        assertEquals(object("{\"ticket\":{\"id\":\"T-1\",\"priority\":2}}"), attributes);
    }

    @Test
    void aReplacedAttributeKeepsItsFirstPosition() {
        JsonObject attributes = write(new ResponseBuilder().setAttribute("a", 1).setAttribute("b", 2)
                .setAttribute("a", 3)).getJsonObject("attributes");

        assertEquals(List.of("a", "b"), List.copyOf(attributes.keySet()));
        assertEquals(3, attributes.getInt("a"));
    }

    // ---- order and text ----

    @Test
    void blocksKeepThePushOrder() {
        JsonArray blocks = write(new ResponseBuilder()
                .pushText("first")
                .pushBlockPointer(BLOCK_A)
                .pushImage("https://example.com/i.png", "third")
                .pushText("fourth")
                .pushBlockPointer(BLOCK_B)).getJsonArray("blocks");

        assertEquals(5, blocks.size());
        assertEquals("first", blocks.getJsonObject(0).getString("text"));
        assertEquals(BLOCK_A, blocks.getJsonObject(1).getString("id"));
        assertEquals("third", blocks.getJsonObject(2).getString("alt"));
        assertEquals("fourth", blocks.getJsonObject(3).getString("text"));
        assertEquals(BLOCK_B, blocks.getJsonObject(4).getString("id"));
    }

    @Test
    void nonAsciiTextRoundTrips() {
        String text = "Zoë aus 東京 sagt 😀";
        JsonObject reply = write(new ResponseBuilder().pushText(text)
                .pushButtons("Wählen", Block.Button.toUrl("東京 ✓", "https://example.com/ü"))
                .setAttribute("grüße", "👋"));

        assertEquals(text, reply.getJsonArray("blocks").getJsonObject(0).getString("text"));
        JsonObject buttons = reply.getJsonArray("blocks").getJsonObject(1);
        assertEquals("Wählen", buttons.getString("text"));
        assertEquals("東京 ✓", buttons.getJsonArray("buttons").getJsonObject(0).getString("title"));
        assertEquals("👋", reply.getJsonObject("attributes").getString("grüße"));
    }

    @Test
    void theBytesAreUtf8() {
        byte[] bytes = writer.toJson(new ResponseBuilder().pushText("Zoë 😀").build());

        String decoded = new String(bytes, StandardCharsets.UTF_8);
        assertEquals("Zoë 😀", object(decoded).getJsonArray("blocks").getJsonObject(0).getString("text"));
    }

    @Test
    void writesAReplyMadeWithoutTheBuilder() {
        Reply reply = new Reply(List.of(new Block.Pointer(BLOCK_A), new Block.Text("t")), Map.of("k", "v"));

        assertEquals(object("{\"blocks\":[{\"id\":\"" + BLOCK_A + "\"},{\"type\":\"text\",\"text\":\"t\"}],"
                + "\"attributes\":{\"k\":\"v\"}}"), write(reply));
    }
}
