package org.dialoghook.testkit;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A recorded conversation: deliveries in order, each with the reply it got, kept as a JSON file that the
 * development console saves and loads, that the command-line sender runs ({@code --transcript}), and that a JUnit
 * test runs against a deployed receiver, so a team's CI can replay a recorded conversation.
 *
 * <pre>{@code
 * Transcript recorded = Transcript.read(Path.of("src/test/resources/order-conversation.json"));
 * List<Transcript.Outcome> outcomes = recorded.runAgainst(URI.create("http://localhost:8080/shop/webhook"),
 *         bot -> SECRET);
 * assertTrue(Transcript.allAsRecorded(outcomes), () -> Transcript.describe(outcomes));
 * }</pre>
 *
 * <p>Each delivery is sent with a new token signed with its bot's secret (a new {@code jti}, the body bound by its
 * SHA-256 hash claim), so every handler runs again. A reply is as recorded when its status is the recorded one and,
 * for a reply, its JSON is equal; for a problem, its {@code type} (its {@code errorId} differs on every run).
 *
 * @param steps the deliveries, in order
 */
public record Transcript(List<Transcript.Step> steps) {

    /** The format's version, written into every file. */
    public static final int FORMAT = 1;

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Copies the steps. */
    public Transcript {
        steps = List.copyOf(steps);
    }

    /**
     * One delivery of a conversation and the reply it got.
     *
     * @param bot the bot it went to ({@code default} for {@code POST /webhook})
     * @param body the delivery's body
     * @param status the reply's status
     * @param reply the reply's body as JSON; an empty object when it was not JSON
     */
    public record Step(String bot, JsonObject body, int status, JsonObject reply) {
    }

    /**
     * What running one step again gave.
     *
     * @param index the step's place in the transcript, from 0
     * @param step the recorded step
     * @param status the status this run got
     * @param reply the reply this run got
     */
    public record Outcome(int index, Step step, int status, JsonObject reply) {

        /**
         * Whether this run's reply is the recorded one.
         *
         * @return true when the status is the same and the reply (or, for a problem, its type) too
         */
        public boolean asRecorded() {
            if (status != step.status()) {
                return false;
            }
            if (status >= 300) {
                return step.reply().getString("type", "").equals(reply.getString("type", ""));
            }
            return step.reply().equals(reply);
        }
    }

    /**
     * Reads a transcript file.
     *
     * @param file the file
     * @return the transcript
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it is not a transcript
     */
    public static Transcript read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /**
     * Reads a transcript.
     *
     * @param text the transcript as JSON
     * @return the transcript
     * @throws IllegalArgumentException when it is not a transcript
     */
    public static Transcript read(Reader text) {
        try (JsonReader reader = JSON.createReader(text)) {
            JsonObject transcript = reader.readObject();
            if (transcript.getInt("transcript", 0) != FORMAT) {
                throw new IllegalArgumentException("not a transcript of format " + FORMAT);
            }
            List<Step> steps = new ArrayList<>();
            for (JsonValue value : transcript.getJsonArray("deliveries")) {
                JsonObject step = value.asJsonObject();
                steps.add(new Step(step.getString("bot", "default"), step.getJsonObject("body"),
                        step.getJsonObject("reply").getInt("status"), step.getJsonObject("reply").getJsonObject("body")));
            }
            return new Transcript(steps);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a transcript: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the transcript as indented JSON.
     *
     * @param out where to
     */
    public void write(Writer out) {
        JsonArrayBuilder deliveries = JSON.createArrayBuilder();
        for (Step step : steps) {
            deliveries.add(JSON.createObjectBuilder()
                    .add("bot", step.bot())
                    .add("body", step.body())
                    .add("reply", JSON.createObjectBuilder().add("status", step.status()).add("body", step.reply())));
        }
        JsonObject transcript = JSON.createObjectBuilder().add("transcript", FORMAT).add("deliveries", deliveries)
                .build();
        try (JsonWriter writer = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(out)) {
            writer.writeObject(transcript);
        }
    }

    /**
     * Sends every delivery again, in order, each signed anew with its bot's secret, and gives what each got.
     *
     * @param webhook the default bot's webhook URL, for example {@code http://localhost:8080/webhook}; another bot's
     *        is that URL followed by {@code /<bot>}
     * @param secrets the secret of each bot, by name
     * @return one outcome per step
     * @throws IOException when the receiver cannot be reached
     * @throws InterruptedException when interrupted while waiting
     */
    public List<Outcome> runAgainst(URI webhook, Function<String, String> secrets)
            throws IOException, InterruptedException {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            URI url = "default".equals(step.bot()) ? webhook : URI.create(webhook + "/" + step.bot());
            DeliveryReply reply = new WebhookClient(url).send(DeliverySigner.withSecret(secrets.apply(step.bot()))
                    .rawBody(step.body().toString()).sign());
            outcomes.add(new Outcome(i, step, reply.status(), reply.body()));
        }
        return outcomes;
    }

    /**
     * Whether every reply was as recorded.
     *
     * @param outcomes the outcomes of a run
     * @return true when none differs
     */
    public static boolean allAsRecorded(List<Outcome> outcomes) {
        return outcomes.stream().allMatch(Outcome::asRecorded);
    }

    /**
     * The replies that differ, one paragraph each, for a test's failure message or the command line.
     *
     * @param outcomes the outcomes of a run
     * @return the differences, or a line saying there are none
     */
    public static String describe(List<Outcome> outcomes) {
        StringBuilder text = new StringBuilder();
        for (Outcome outcome : outcomes) {
            if (!outcome.asRecorded()) {
                text.append("delivery ").append(outcome.index() + 1).append(" (").append(outcome.step().bot())
                        .append("): recorded ").append(outcome.step().status()).append(' ')
                        .append(outcome.step().reply()).append("\n  now ").append(outcome.status()).append(' ')
                        .append(outcome.reply()).append('\n');
            }
        }
        return text.length() == 0 ? "every reply as recorded (" + outcomes.size() + ")\n" : text.toString();
    }
}
