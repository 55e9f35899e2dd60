package org.dialoghook.console;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.dialoghook.testkit.Transcript;

/** Turns deliveries of the console's history into a transcript, in the test kit's format. */
final class Transcripts {

    private Transcripts() {
    }

    /**
     * The transcript of some deliveries, in the order given; a delivery whose body is not a JSON object is left out.
     *
     * @param deliveries the deliveries
     * @param json the JSON-P provider
     * @return the transcript
     */
    static Transcript of(List<RecordedDelivery> deliveries, JsonProvider json) {
        List<Transcript.Step> steps = new ArrayList<>();
        for (RecordedDelivery delivery : deliveries) {
            JsonObject body = object(delivery.body(), json);
            if (body != null) {
                JsonObject reply = object(delivery.reply(), json);
                steps.add(new Transcript.Step(delivery.bot(), body, delivery.status(),
                        reply == null ? JsonValue.EMPTY_JSON_OBJECT : reply));
            }
        }
        return new Transcript(steps);
    }

    private static JsonObject object(byte[] bytes, JsonProvider json) {
        try (JsonReader reader = json.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }
}
