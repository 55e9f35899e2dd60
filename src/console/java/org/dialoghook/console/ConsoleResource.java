package org.dialoghook.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dialoghook.internal.dispatch.HandlerDescription;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.Transcript;

/**
 * The console's page and the data it shows. Every answer first passes the console's two rules: it is on, and the
 * client is on this machine; otherwise the answer is a problem ({@code 404} when off, {@code 403} for another
 * machine) and nothing of the console is shown.
 */
@ApplicationScoped
@Path("")
public class ConsoleResource {

    private static final String PAGE = "console.html";
    private static final String SCRIPT = "console.js";

    @Inject
    ConsoleSwitch consoleSwitch;

    @Inject
    HandlerRegistry registry;

    @Inject
    DeliveryHistory history;

    @Inject
    Replayer replayer;

    @Inject
    LiveSettings live;

    @Inject
    JsonSupport jsonSupport;

    /**
     * The console's page.
     *
     * @param request the HTTP request, for the client's address
     * @param uri the request's URI, for the console's base path
     * @return the page
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context HttpServletRequest request, @Context UriInfo uri) {
        return refusal(request).orElseGet(() -> page(resource(PAGE)
                .replace("{{base}}", uri.getBaseUri().getRawPath()), MediaType.TEXT_HTML + ";charset=UTF-8"));
    }

    /**
     * The page's script.
     *
     * @param request the HTTP request, for the client's address
     * @return the script
     */
    @GET
    @Path(SCRIPT)
    @Produces("text/javascript")
    public Response script(@Context HttpServletRequest request) {
        return refusal(request).orElseGet(() -> page(resource(SCRIPT), "text/javascript;charset=UTF-8"));
    }

    /**
     * Every registered handler, with its bean and its settings.
     *
     * @param request the HTTP request, for the client's address
     * @return a JSON array
     */
    @GET
    @Path("handlers")
    @Produces(MediaType.APPLICATION_JSON)
    public Response handlers(@Context HttpServletRequest request) {
        return refusal(request).orElseGet(() -> {
            JsonArrayBuilder handlers = Json.createArrayBuilder();
            for (HandlerDescription handler : registry.describe()) {
                JsonObjectBuilder json = Json.createObjectBuilder()
                        .add("name", handler.name())
                        .add("beanClass", handler.beanClass())
                        .add("kind", handler.kind())
                        .add("scope", handler.scope())
                        .add("asynchronous", handler.asynchronous())
                        .add("timeout", handler.timeout().toString());
                handler.bots().ifPresentOrElse(bots -> json.add("bots", Json.createArrayBuilder(bots.stream().sorted()
                        .toList())), () -> json.addNull("bots"));
                handler.fallbackBlock().ifPresentOrElse(block -> json.add("fallbackBlock", block),
                        () -> json.addNull("fallbackBlock"));
                handler.invalidFormBlock().ifPresentOrElse(block -> json.add("invalidFormBlock", block),
                        () -> json.addNull("invalidFormBlock"));
                handlers.add(json);
            }
            return json(handlers.build().toString());
        });
    }

    /**
     * The requests to the webhook the history holds after a number, oldest first: the page asks every second for
     * the ones it has not shown yet.
     *
     * @param request the HTTP request, for the client's address
     * @param after the last number the page has; 0 for all
     * @return a JSON array of summaries
     */
    @GET
    @Path("deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deliveries(@Context HttpServletRequest request, @QueryParam("after") long after) {
        return refusal(request).orElseGet(() -> {
            JsonArrayBuilder list = Json.createArrayBuilder();
            history.after(after).forEach(delivery -> list.add(summary(delivery)));
            return json(list.build().toString());
        });
    }

    /**
     * One request to the webhook: its summary, its body, its token's header and claims (never the token or its
     * signature), and the reply.
     *
     * @param request the HTTP request, for the client's address
     * @param id its number
     * @return a JSON object, or {@code 404} when the history no longer holds it
     */
    @GET
    @Path("deliveries/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delivery(@Context HttpServletRequest request, @PathParam("id") long id) {
        return refusal(request).orElseGet(() -> history.find(id).map(delivery -> {
            JsonObjectBuilder detail = summary(delivery)
                    .add("path", delivery.path())
                    .add("requestType", String.valueOf(delivery.contentType()))
                    .add("requestBody", new String(delivery.body(), StandardCharsets.UTF_8))
                    .add("replyType", String.valueOf(delivery.replyType()))
                    .add("replyBody", new String(delivery.reply(), StandardCharsets.UTF_8));
            TokenClaims.of(delivery.authorization(), jsonSupport.provider()).ifPresentOrElse(
                    token -> detail.add("token", token), () -> detail.addNull("token"));
            return json(detail.build().toString());
        }).orElseGet(() -> ConsoleProblem.NO_SUCH_DELIVERY.response()));
    }

    /**
     * Sends a recorded delivery to the webhook again: {@code as=same} with its own token (the replay store answers
     * with the first reply), {@code as=resigned} with a new token (the handler runs again). The replay shows up in
     * the history like any delivery.
     *
     * @param request the HTTP request, for the client's address and the server's own
     * @param id the delivery's number
     * @param as {@code same} or {@code resigned}
     * @return the receiver's status, media type and reply, as JSON
     */
    @POST
    @Path("deliveries/{id}/replay")
    @Produces(MediaType.APPLICATION_JSON)
    public Response replay(@Context HttpServletRequest request, @PathParam("id") long id, @QueryParam("as") String as) {
        return reaching(request, ConsoleProblem.CANNOT_RESIGN, () -> {
            Replayer.Mode mode;
            if ("same".equals(as)) {
                mode = Replayer.Mode.SAME;
            } else if ("resigned".equals(as)) {
                mode = Replayer.Mode.RESIGNED;
            } else {
                return ConsoleProblem.BAD_REPLAY_MODE.response();
            }
            Optional<RecordedDelivery> delivery = history.find(id);
            if (delivery.isEmpty()) {
                return ConsoleProblem.NO_SUCH_DELIVERY.response();
            }
            return sent(replayer.replay(delivery.get(), mode, request));
        });
    }

    /**
     * The configured bots, for the page's choice of bot: each one's name and whether it has a secret to sign with.
     *
     * @param request the HTTP request, for the client's address
     * @return a JSON array
     */
    @GET
    @Path("bots")
    @Produces(MediaType.APPLICATION_JSON)
    public Response bots(@Context HttpServletRequest request) {
        return refusal(request).orElseGet(() -> {
            JsonArrayBuilder bots = Json.createArrayBuilder();
            live.current().bots().values().forEach(bot -> bots.add(Json.createObjectBuilder().add("name", bot.name())
                    .add("path", bot.name().equals(BotSettings.DEFAULT_BOT) ? "/webhook" : "/webhook/" + bot.name())
                    .add("signs", bot.secret().isPresent())));
            return json(bots.build().toString());
        });
    }

    /**
     * Signs a delivery the page composed with its bot's secret and sends it to the webhook, which records it in the
     * history like any other.
     *
     * @param request the HTTP request, for the client's address and the server's own
     * @param composed {@code {"bot": "default", "handler": "echo", "formValues": {...}, "parameters": {...}}}, or
     *        {@code {"bot": "default", "rawBody": "..."}}
     * @return the receiver's status, media type and reply, as JSON
     */
    @POST
    @Path("send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@Context HttpServletRequest request, String composed) {
        return reaching(request, ConsoleProblem.BAD_SEND, () -> {
            JsonObject what;
            try (JsonReader reader = jsonSupport.provider().createReader(new StringReader(composed))) {
                what = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                throw new IllegalArgumentException("the request is not a JSON object");
            }
            String botName = what.getString("bot", BotSettings.DEFAULT_BOT);
            BotSettings bot = live.current().bot(botName).orElseThrow(() -> new IllegalArgumentException(
                    "no bot named '" + botName + "' is configured"));
            DeliverySigner.SignedDelivery delivery = Composer.sign(what, bot, replayer.secretOf(botName).keyBytes());
            return sent(replayer.send(botName.equals(BotSettings.DEFAULT_BOT) ? "/webhook" : "/webhook/" + botName,
                    MediaType.APPLICATION_JSON, "Bearer " + delivery.token(),
                    delivery.body().getBytes(StandardCharsets.UTF_8), request));
        });
    }

    /**
     * A delivery as commands to send it again from a shell: a {@code curl} line with a token signed afresh (a new
     * {@code jti}; the recorded token is never shown), and the command-line sender's command when the sender can
     * build its body.
     *
     * @param request the HTTP request, for the client's address and the server's own
     * @param id the delivery's number
     * @return {@code {"curl": "...", "sender": "..." or null}}
     */
    @GET
    @Path("deliveries/{id}/commands")
    @Produces(MediaType.APPLICATION_JSON)
    public Response commands(@Context HttpServletRequest request, @PathParam("id") long id) {
        Optional<Response> refused = refusal(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<RecordedDelivery> found = history.find(id);
        if (found.isEmpty()) {
            return ConsoleProblem.NO_SUCH_DELIVERY.response();
        }
        RecordedDelivery delivery = found.get();
        URI url = Replayer.webhookUri(delivery.path(), request);
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        JsonObjectBuilder commands = Json.createObjectBuilder();
        try {
            commands.add("curl", Commands.curl(url, replayer.resignedToken(delivery), body));
        } catch (IllegalArgumentException e) {
            return ConsoleProblem.CANNOT_RESIGN.response(e.getMessage());
        }
        String sender = null;
        try (JsonReader reader = jsonSupport.provider().createReader(new StringReader(body))) {
            ReceiverSettings settings = live.current();
            String field = settings.bot(delivery.bot()).orElse(settings.defaultBot()).token().handlerFields().get(0);
            sender = Commands.sender(url, reader.readObject(), field.substring(1));
        } catch (JsonException | IllegalStateException e) {
            // not a JSON object: the sender cannot build it
        }
        if (sender == null) {
            commands.addNull("sender");
        } else {
            commands.add("sender", sender);
        }
        return json(commands.build().toString());
    }

    /**
     * The history's deliveries as a transcript file to save: all of them, or those numbered in {@code ids}
     * (comma-separated), oldest first.
     *
     * @param request the HTTP request, for the client's address
     * @param ids the numbers, or nothing for every delivery the history holds
     * @return the transcript, as an attachment
     */
    @GET
    @Path("transcript")
    @Produces(MediaType.APPLICATION_JSON)
    public Response transcript(@Context HttpServletRequest request, @QueryParam("ids") String ids) {
        return refusal(request).orElseGet(() -> {
            List<RecordedDelivery> chosen = new ArrayList<>();
            if (ids == null || ids.isBlank()) {
                chosen.addAll(history.after(0));
            } else {
                for (String id : ids.split(",")) {
                    Optional<RecordedDelivery> delivery;
                    try {
                        delivery = history.find(Long.parseLong(id.trim()));
                    } catch (NumberFormatException e) {
                        return ConsoleProblem.NO_SUCH_DELIVERY.response("'" + id.trim() + "' is not a number");
                    }
                    if (delivery.isEmpty()) {
                        return ConsoleProblem.NO_SUCH_DELIVERY.response("no delivery " + id.trim());
                    }
                    chosen.add(delivery.get());
                }
            }
            StringWriter file = new StringWriter();
            Transcripts.of(chosen, jsonSupport.provider()).write(file);
            return Response.ok(file.toString(), MediaType.APPLICATION_JSON)
                    .header("Content-Disposition", "attachment; filename=\"transcript.json\"")
                    .header("Cache-Control", "no-store").build();
        });
    }

    /**
     * Runs a transcript again on this server: each delivery signed anew with its bot's secret and sent to the
     * webhook; each reply compared with the recorded one.
     *
     * @param request the HTTP request, for the client's address and the server's own
     * @param transcript the transcript file's text
     * @return every step's recorded and new status and reply, and whether each is as recorded
     */
    @POST
    @Path("transcript/run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response runTranscript(@Context HttpServletRequest request, String transcript) {
        return reaching(request, ConsoleProblem.BAD_TRANSCRIPT, () -> {
            List<Transcript.Outcome> outcomes = Transcript.read(new StringReader(transcript)).runAgainst(
                    Replayer.webhookUri("/webhook", request),
                    bot -> new String(replayer.secretOf(bot).keyBytes(), StandardCharsets.UTF_8));
            JsonArrayBuilder steps = Json.createArrayBuilder();
            for (Transcript.Outcome outcome : outcomes) {
                steps.add(Json.createObjectBuilder()
                        .add("index", outcome.index())
                        .add("bot", outcome.step().bot())
                        .add("recordedStatus", outcome.step().status())
                        .add("status", outcome.status())
                        .add("asRecorded", outcome.asRecorded())
                        .add("recordedReply", outcome.step().reply())
                        .add("reply", outcome.reply()));
            }
            return json(Json.createObjectBuilder().add("allAsRecorded", Transcript.allAsRecorded(outcomes))
                    .add("steps", steps).build().toString());
        });
    }

    /** Work of the console that sends to the webhook. */
    @FunctionalInterface
    private interface WebhookCall {
        Response call() throws IOException, InterruptedException;
    }

    /**
     * Runs work that sends to the webhook, after the console's rules: what it cannot take is the given problem,
     * a webhook it cannot reach is {@code console-replay-failed}.
     */
    private Response reaching(HttpServletRequest request, ConsoleProblem badInput, WebhookCall call) {
        Optional<Response> refused = refusal(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return call.call();
        } catch (IllegalArgumentException | ClassCastException e) {
            return badInput.response(e.getMessage());
        } catch (IOException e) {
            return ConsoleProblem.REPLAY_FAILED.response(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConsoleProblem.REPLAY_FAILED.response("interrupted");
        }
    }

    private static Response sent(HttpResponse<String> reply) {
        return json(Json.createObjectBuilder()
                .add("status", reply.statusCode())
                .add("replyType", reply.headers().firstValue("Content-Type").orElse(""))
                .add("replyBody", reply.body())
                .build().toString());
    }

    private static JsonObjectBuilder summary(RecordedDelivery delivery) {
        JsonObjectBuilder summary = Json.createObjectBuilder()
                .add("id", delivery.id())
                .add("at", delivery.at().toString())
                .add("bot", delivery.bot())
                .add("status", delivery.status())
                .add("outcome", delivery.outcome())
                .add("durationMillis", delivery.durationMicros() / 1000.0);
        if (delivery.handler() == null) {
            summary.addNull("handler");
        } else {
            summary.add("handler", delivery.handler());
        }
        return summary;
    }

    private static Response json(String body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }

    private Optional<Response> refusal(HttpServletRequest request) {
        if (!consoleSwitch.isOn()) {
            return Optional.of(ConsoleProblem.OFF.response());
        }
        if (!LoopbackClients.includes(request.getRemoteAddr())) {
            return Optional.of(ConsoleProblem.NOT_LOOPBACK.response());
        }
        return Optional.empty();
    }

    private static Response page(String text, String mediaType) {
        return Response.ok(text, mediaType)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; img-src * data:; "
                        + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
