package org.dialoghook.internal.capture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.internal.auth.BearerCredentials;
import org.dialoghook.internal.auth.DeliveryIds;
import org.dialoghook.internal.auth.WebhookBots;
import org.dialoghook.internal.auth.WebhookBots.DeliveryChecks;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.CaptureMode;
import org.dialoghook.internal.config.PerSnapshot;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.LogText;

/**
 * Capture mode ({@code dialoghook.capture}): writes one INFO line ({@code DH-0700}) per delivery with the token's
 * decoded header and claims, the body's shape, and which of the contract's settings would accept the delivery,
 * so that a user can check the project's defaults against a real bot. Claim and body values are written only in
 * mode {@code full}; the token, its signature and the secrets never are.
 */
@ApplicationScoped
public class DeliveryCapture {

    private static final Logger LOG = Logger.getLogger(DeliveryCapture.class.getName());
    private static final int TOKENS_KEPT = 1000;

    @Inject
    WebhookBots bots;

    @Inject
    JsonSupport json;

    @Inject
    Clock clock;

    private final SeenTokens seenTokens = new SeenTokens(TOKENS_KEPT);
    private final PerSnapshot<Map<String, SettingsFit>> fits = new PerSnapshot<>(this::fits);

    /** What each bot's settings in one snapshot would accept. */
    private Map<String, SettingsFit> fits(ReceiverSettings settings) {
        Map<String, SettingsFit> built = new HashMap<>();
        for (DeliveryChecks checks : bots.all(settings).values()) {
            built.put(checks.settings().name(), new SettingsFit(checks, json.provider(), clock));
        }
        return Map.copyOf(built);
    }

    /**
     * Logs one delivery as capture mode says; does nothing when it is off.
     *
     * @param settings the settings snapshot the delivery was checked with
     * @param bot the {@code {bot}} of the path, or {@code null} for the default bot
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param authorization the {@code Authorization} headers, or {@code null}
     * @param raw the body, or {@code null} when it is larger than the limit
     * @param refused why the receiver refused the delivery, or {@code null} when it accepted it
     */
    public void record(ReceiverSettings settings, String bot, String contentType, List<String> authorization,
            byte[] raw, DeliveryRefusedException refused) {
        if (settings.capture() == CaptureMode.OFF) {
            return;
        }
        try {
            Capture capture = describe(settings, bot == null ? BotSettings.DEFAULT_BOT : bot, contentType, authorization, raw,
                    refused);
            LOG.log(Level.INFO, "DH-0700 delivery={0} handler={1} bot={2}: capture {3}", new Object[] {
                capture.deliveryId(), LogText.safe(capture.handler()), LogText.safe(bot == null ? BotSettings.DEFAULT_BOT
                    : bot), oneLine(capture.description().toString())});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DH-0701 delivery=- handler=-: capturing a delivery failed ({0}); the delivery "
                    + "goes on", e.getClass().getName());
        }
    }

    /**
     * Describes one delivery.
     *
     * @param settings the settings snapshot the delivery was checked with
     * @param bot the bot's name
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param authorization the {@code Authorization} headers, or {@code null}
     * @param raw the body, or {@code null} when it is larger than the limit
     * @param refused why the receiver refused the delivery, or {@code null} when it accepted it
     * @return the description and what the log line needs
     */
    Capture describe(ReceiverSettings settings, String bot, String contentType, List<String> authorization, byte[] raw,
            DeliveryRefusedException refused) {
        JsonProvider provider = json.provider();
        JsonShape shapes = new JsonShape(provider);
        boolean full = settings.capture() == CaptureMode.FULL;
        JsonObjectBuilder out = provider.createObjectBuilder().add("mode", settings.capture().settingValue());
        SettingsFit fit = fits.of(settings).get(bot);
        out.add("bot", provider.createObjectBuilder().add("name", LogText.safe(bot)).add("configured", fit != null)
                .add("hasSecret", fit != null && fit.hasSecret()));

        Optional<String> token = bearerToken(authorization);
        TokenView view = token.map(text -> TokenView.of(text, provider))
                .orElse(new TokenView(Optional.empty(), Optional.empty()));
        JsonObjectBuilder tokenOut = provider.createObjectBuilder().add("present", token.isPresent());
        String deliveryId = token.map(text -> DeliveryIds.of(view.claims().map(claims -> claims.get("jti")).orElse(null),
                text)).orElse("-");
        if (token.isPresent()) {
            tokenOut.add("seenBefore", seenTokens.note(bot + '|' + deliveryId, raw));
            tokenOut.add("header", view.header().<JsonValue>map(header -> header).orElse(provider.createValue("not a JSON object")));
            tokenOut.add("claims", view.claims().map(claims -> full ? claims : shapes.of(claims))
                    .orElse(provider.createValue("not a JSON object")));
        } else {
            tokenOut.add("header", "no Authorization: Bearer header");
        }
        out.add("token", tokenOut);

        JsonObjectBuilder bodyOut = provider.createObjectBuilder()
                .add("contentType", contentType == null ? "none" : LogText.safe(contentType));
        Optional<JsonValue> body = Optional.empty();
        if (raw == null) {
            bodyOut.add("json", "not read: larger than dialoghook.max-body-bytes");
        } else {
            bodyOut.add("bytes", raw.length);
            body = parse(provider, raw);
            bodyOut.add("json", body.map(value -> full ? value : shapes.of(value))
                    .orElse(provider.createValue("not well-formed JSON")));
        }
        out.add("body", bodyOut);

        if (fit != null) {
            out.add("settings", fit.assess(token, view, refused, raw, body));
        }
        String handler = body.filter(JsonObject.class::isInstance).flatMap(value -> fit == null ? Optional.empty()
                : fit.handlerName(value.asJsonObject())).orElse(null);
        return new Capture(deliveryId, handler, out.build());
    }

    /** The request's Bearer token, read by the receiver's own rule; empty when that rule finds none. */
    private static Optional<String> bearerToken(List<String> authorization) {
        try {
            return Optional.of(BearerCredentials.token(authorization));
        } catch (DeliveryRefusedException e) {
            return Optional.empty();
        }
    }

    /**
     * The body as JSON, when it is. Besides {@link JsonException}, a JSON-P implementation refuses hostile input
     * with exceptions of its own (Parsson: a {@link RuntimeException} for deep nesting, a
     * {@link NumberFormatException} for an exponent beyond an {@code int}, an {@link UnsupportedOperationException}
     * for a number too long); the report says "not well-formed JSON" for all of them.
     */
    private static Optional<JsonValue> parse(JsonProvider provider, byte[] raw) {
        try {
            return Optional.of(provider.createReaderFactory(Map.of())
                    .createReader(new ByteArrayInputStream(raw), StandardCharsets.UTF_8).readValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** JSON text kept on one log line: the line separators JSON leaves unescaped are escaped. */
    private static String oneLine(String jsonText) {
        return jsonText.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085");
    }

    /**
     * What capture mode found in one delivery.
     *
     * @param deliveryId the delivery id the receiver's other log lines carry
     * @param handler the handler name the body asks for, or {@code null}
     * @param description the captured header, claims, body and settings
     */
    record Capture(String deliveryId, String handler, JsonObject description) {
    }
}
