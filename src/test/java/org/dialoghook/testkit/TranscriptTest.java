package org.dialoghook.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static final Transcript.Step ECHO = new Transcript.Step("default",
            json("{\"handler\":\"echo\",\"formValues\":{\"name\":\"Ada\"}}"), 200,
            json("{\"blocks\":[{\"type\":\"text\",\"text\":\"name=Ada\"}]}"));
    private static final Transcript.Step MISSING = new Transcript.Step("sales", json("{\"handler\":\"nope\"}"), 404,
            json("{\"type\":\"urn:dialoghook:problem:unknown-handler\",\"errorId\":\"a\"}"));

    @Test
    void aTranscriptSurvivesItsFile() {
        StringWriter file = new StringWriter();
        new Transcript(List.of(ECHO, MISSING)).write(file);
        assertTrue(file.toString().contains("\"transcript\""), file::toString);
        Transcript read = Transcript.read(new StringReader(file.toString()));
        assertEquals(List.of(ECHO, MISSING), read.steps());
    }

    @Test
    void aReplyIsAsRecordedWhenItsStatusAndJsonAreAndAProblemWhenItsTypeIs() {
        assertTrue(new Transcript.Outcome(0, ECHO, 200, ECHO.reply()).asRecorded());
        assertFalse(new Transcript.Outcome(0, ECHO, 200, json("{\"blocks\":[]}")).asRecorded());
        assertFalse(new Transcript.Outcome(0, ECHO, 500, ECHO.reply()).asRecorded());
        assertTrue(new Transcript.Outcome(1, MISSING, 404,
                json("{\"type\":\"urn:dialoghook:problem:unknown-handler\",\"errorId\":\"b\"}")).asRecorded());
        assertFalse(new Transcript.Outcome(1, MISSING, 404,
                json("{\"type\":\"urn:dialoghook:problem:not-found\",\"errorId\":\"a\"}")).asRecorded());
    }

    @Test
    void theDifferencesAreDescribedOnePerDelivery() {
        List<Transcript.Outcome> outcomes = List.of(new Transcript.Outcome(0, ECHO, 200, ECHO.reply()),
                new Transcript.Outcome(1, MISSING, 200, json("{\"blocks\":[]}")));
        assertFalse(Transcript.allAsRecorded(outcomes));
        String described = Transcript.describe(outcomes);
        assertTrue(described.startsWith("delivery 2 (sales): recorded 404"), described);
        assertFalse(described.contains("delivery 1"), described);
        assertEquals("every reply as recorded (1)\n", Transcript.describe(outcomes.subList(0, 1)));
    }

    @Test
    void aFileThatIsNoTranscriptIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Transcript.read(new StringReader("{\"deliveries\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> Transcript.read(new StringReader("not json")));
        assertThrows(IllegalArgumentException.class,
                () -> Transcript.read(new StringReader("{\"transcript\":1,\"deliveries\":[{\"bot\":\"x\"}]}")));
    }
}
