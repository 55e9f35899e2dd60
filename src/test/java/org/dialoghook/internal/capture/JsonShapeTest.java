package org.dialoghook.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

    private static final JsonShape SHAPES = new JsonShape(JsonProvider.provider());

    private static JsonValue parse(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void scalarsBecomeTheirTypeNames() {
        assertEquals(parse("{\"s\":\"string\",\"n\":\"number\",\"t\":\"boolean\",\"f\":\"boolean\",\"z\":\"null\"}"),
                SHAPES.of(parse("{\"s\":\"Ada\",\"n\":4.5,\"t\":true,\"f\":false,\"z\":null}")));
    }

    @Test
    void objectsKeepTheirNamesInOrderAndNest() {
        assertEquals("{\"handler\":\"string\",\"formValues\":{\"name\":\"string\",\"city\":{\"value\":\"string\"}}}",
                SHAPES.of(parse("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Ada\",\"city\":{\"value\":\"Bern\"}}}"))
                        .toString());
    }

    @Test
    void arraysListTheirElementsDistinctShapes() {
        assertEquals(parse("[\"string\",\"number\",{\"a\":\"string\"}]"),
                SHAPES.of(parse("[\"x\",\"y\",1,2,{\"a\":\"b\"},{\"a\":\"c\"}]")));
        assertEquals(parse("[]"), SHAPES.of(parse("[]")));
    }
}
