package org.dialoghook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseBuilderTest {

    private static final String BLOCK_A = "60db2d02d19a13bc109c5bd4";
    private static final String BLOCK_B = "0123456789abcdef01234567";

    // ---- block pointers ----

    @ParameterizedTest
    @ValueSource(strings = {"60db2d02d19a13bc109c5bd4", "60DB2D02D19A13BC109C5BD4", "60dB2d02D19a13Bc109C5bD4",
        "000000000000000000000000", "ffffffffffffffffffffffff"})
    void pushBlockPointerAcceptsTwentyFourHexDigitsInEitherCase(String id) {
        Reply reply = new ResponseBuilder().pushBlockPointer(id).build();

        assertEquals(List.of(new Block.Pointer(id)), reply.blocks());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "60db2d02d19a13bc109c5bd",      // 23 digits
        "60db2d02d19a13bc109c5bd4a",    // 25 digits
        "60db2d02d19a13bc109c5bdg",     // g is not hex
        "60db2d02d19a13bc109c5bd-",
        "0x60db2d02d19a13bc109c5bd4",
        " 60db2d02d19a13bc109c5bd4",
        "60db2d02d19a13bc109c5bd4 ",
        "60db2d02d19a13bc109c5bd4\n",
        "６０db2d02d19a13bc109c5bd4",    // full-width digits
        "",
    })
    void pushBlockPointerRefusesAnythingElse(String id) {
        ResponseBuilder response = new ResponseBuilder();

        assertThrows(IllegalArgumentException.class, () -> response.pushBlockPointer(id));
        assertTrue(response.build().blocks().isEmpty(), "a refused pointer is not added");
    }

    @Test
    void aRefusedIdIsAbbreviatedInTheMessage() {
        String longId = "x".repeat(500);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResponseBuilder().pushBlockPointer(longId));

        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    // ---- buttons ----

    @Test
    void buttonsNeedAtLeastOneButton() {
        ResponseBuilder response = new ResponseBuilder();

        assertThrows(IllegalArgumentException.class, () -> response.pushButtons("Pick"));
        assertThrows(IllegalArgumentException.class, () -> response.pushButtons("Pick", List.of()));
        assertTrue(response.build().blocks().isEmpty());
    }

    @Test
    void aButtonNeedsExactlyOneOfBlockIdAndUrl() {
        assertThrows(IllegalArgumentException.class, () -> new Block.Button("both", BLOCK_A, "https://example.com"));
        assertThrows(IllegalArgumentException.class, () -> new Block.Button("neither", null, null));
        assertThrows(IllegalArgumentException.class, () -> Block.Button.toBlock("no id", null));
    }

    @Test
    void aBlockButtonNeedsAValidBlockId() {
        assertThrows(IllegalArgumentException.class, () -> Block.Button.toBlock("bad", "not-a-block-id"));
        assertThrows(IllegalArgumentException.class, () -> Block.Button.toBlock("short", BLOCK_A.substring(1)));
    }

    @Test
    void buttonFactoriesSetExactlyOneTarget() {
        Block.Button toBlock = Block.Button.toBlock("Sales", BLOCK_A);
        Block.Button toUrl = Block.Button.toUrl("Docs", "https://example.com");

        assertEquals(new Block.Button("Sales", BLOCK_A, null), toBlock);
        assertEquals(new Block.Button("Docs", null, "https://example.com"), toUrl);
    }

    @Test
    void pushButtonsAddsOneBlockWithEveryButtonInOrder() {
        Block.Button first = Block.Button.toBlock("one", BLOCK_A);
        Block.Button second = Block.Button.toUrl("two", "https://example.com");

        Reply reply = new ResponseBuilder().pushButtons("Pick", first, second).build();

        assertEquals(List.of(new Block.Buttons("Pick", List.of(first, second))), reply.blocks());
    }

    @Test
    void aButtonsBlockCopiesTheListItWasGiven() {
        List<Block.Button> buttons = new ArrayList<>(List.of(Block.Button.toBlock("one", BLOCK_A)));
        Reply reply = new ResponseBuilder().pushButtons("Pick", buttons).build();

        buttons.add(Block.Button.toBlock("two", BLOCK_B));

        assertEquals(1, ((Block.Buttons) reply.blocks().get(0)).buttons().size());
    }

    // ---- other blocks ----

    @Test
    void blocksAreKeptInPushOrder() {
        Reply reply = new ResponseBuilder()
                .pushText("hello")
                .pushBlockPointer(BLOCK_A)
                .pushImage("https://example.com/cat.png", "cat")
                .push(new Block.Text("bye"))
                .build();

        assertEquals(List.of(new Block.Text("hello"), new Block.Pointer(BLOCK_A),
                new Block.Image("https://example.com/cat.png", "cat"), new Block.Text("bye")), reply.blocks());
    }

    @Test
    void nullsAreRefused() {
        ResponseBuilder response = new ResponseBuilder();

        assertThrows(NullPointerException.class, () -> response.pushText(null));
        assertThrows(NullPointerException.class, () -> response.pushImage(null, "alt"));
        assertThrows(NullPointerException.class, () -> response.pushImage("https://example.com/i.png", null));
        assertThrows(NullPointerException.class, () -> response.push(null));
        assertThrows(NullPointerException.class, () -> response.setAttribute(null, 1));
        assertThrows(NullPointerException.class, () -> response.setAttribute("a", null));
        assertTrue(response.build().blocks().isEmpty());
        assertTrue(response.build().attributes().isEmpty());
    }

    // ---- attributes ----

    @Test
    void setAttributeReplacesAnEarlierValue() {
        Reply reply = new ResponseBuilder().setAttribute("ticketId", 1).setAttribute("status", "open")
                .setAttribute("ticketId", 4711).build();

        assertEquals(4711, reply.attributes().get("ticketId"));
        assertEquals(2, reply.attributes().size());
        assertEquals(List.of("ticketId", "status"), List.copyOf(reply.attributes().keySet()),
                "a replaced attribute keeps the position where it was first set");
    }

    // ---- build() ----

    @Test
    void buildReturnsAnImmutableReply() {
        Reply reply = new ResponseBuilder().pushText("hi").setAttribute("a", 1).build();

        assertThrows(UnsupportedOperationException.class, () -> reply.blocks().add(new Block.Text("more")));
        assertThrows(UnsupportedOperationException.class, () -> reply.blocks().clear());
        assertThrows(UnsupportedOperationException.class, () -> reply.attributes().put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> reply.attributes().remove("a"));
    }

    @Test
    void changingTheBuilderLaterDoesNotChangeAnEarlierReply() {
        ResponseBuilder response = new ResponseBuilder().pushText("first").setAttribute("a", 1);
        Reply earlier = response.build();

        response.pushBlockPointer(BLOCK_A).setAttribute("a", 2).setAttribute("b", 3);
        Reply later = response.build();

        assertEquals(List.of(new Block.Text("first")), earlier.blocks());
        assertEquals(Map.of("a", 1), earlier.attributes());
        assertEquals(List.of(new Block.Text("first"), new Block.Pointer(BLOCK_A)), later.blocks());
        assertEquals(Map.of("a", 2, "b", 3), later.attributes());
        assertNotEquals(earlier, later);
    }

    @Test
    void aReplyCopiesTheCollectionsItWasGiven() {
        List<Block> blocks = new ArrayList<>(List.of(new Block.Text("t")));
        Map<String, Object> attributes = new LinkedHashMap<>(Map.of("a", 1));
        Reply reply = new Reply(blocks, attributes);

        blocks.add(new Block.Text("u"));
        attributes.put("b", 2);

        assertEquals(List.of(new Block.Text("t")), reply.blocks());
        assertEquals(Map.of("a", 1), reply.attributes());
    }

    @Test
    void anEmptyBuilderBuildsAnEmptyReply() {
        Reply reply = new ResponseBuilder().build();

        assertTrue(reply.blocks().isEmpty());
        assertTrue(reply.attributes().isEmpty());
    }

    // ---- HandlerName.Literal ----

    @HandlerName("x")
    static class AnnotatedX {
    }

    @HandlerName("y")
    static class AnnotatedY {
    }

    private static HandlerName annotationOf(Class<?> type) {
        return type.getAnnotation(HandlerName.class);
    }

    @Test
    void handlerNameLiteralEqualsTheAnnotation() {
        HandlerName annotation = annotationOf(AnnotatedX.class);
        HandlerName literal = HandlerName.Literal.of("x");

        assertEquals(annotation, literal);
        assertEquals(literal, annotation);
        assertEquals(annotation.hashCode(), literal.hashCode());
        assertEquals("x", literal.value());
        assertEquals(HandlerName.class, literal.annotationType());
    }

    @Test
    void handlerNameLiteralDiffersForAnotherName() {
        HandlerName literal = HandlerName.Literal.of("x");

        assertNotEquals(annotationOf(AnnotatedY.class), literal);
        assertNotEquals(literal, annotationOf(AnnotatedY.class));
        assertNotEquals(HandlerName.Literal.of("X"), literal, "names are compared case-sensitively");
        assertEquals(HandlerName.Literal.of("x"), literal);
    }

    @Test
    void handlerNameLiteralRefusesNull() {
        assertThrows(NullPointerException.class, () -> HandlerName.Literal.of(null));
    }
}
