package org.dialoghook.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every setting of the receiver, read once at deployment and never changed.
 *
 * @param bots every configured bot by name, the default bot first and always present
 * @param maxBodyBytes the largest body accepted
 * @param limits limits on the body's shape
 * @param replay how redeliveries are recognised
 * @param capture what capture mode logs about each delivery
 * @param handlers the settings of each handler, and the global ones for a name no handler has
 * @param telemetry whether the server's OpenTelemetry is turned on for the application: MicroProfile Telemetry's
 *        own switch {@code otel.sdk.disabled} is {@code false} (it is {@code true} unless set)
 */
public record ReceiverSettings(Map<String, BotSettings> bots, int maxBodyBytes, BodyLimits limits,
        ReplaySettings replay, CaptureMode capture, HandlerPolicies handlers, boolean telemetry) {

    /** Copies the map of bots, keeping the default bot first. */
    public ReceiverSettings {
        if (!bots.containsKey(BotSettings.DEFAULT_BOT)) {
            throw new IllegalArgumentException("the default bot is always configured");
        }
        Map<String, BotSettings> ordered = new LinkedHashMap<>();
        ordered.put(BotSettings.DEFAULT_BOT, bots.get(BotSettings.DEFAULT_BOT));
        new TreeMap<>(bots).forEach(ordered::putIfAbsent);
        bots = Collections.unmodifiableMap(ordered);
    }

    /**
     * The bot served at {@code POST /webhook}.
     *
     * @return its settings
     */
    public BotSettings defaultBot() {
        return bots.get(BotSettings.DEFAULT_BOT);
    }

    /**
     * A bot by name.
     *
     * @param name the bot's name
     * @return its settings, or empty when no bot of that name is configured
     */
    public Optional<BotSettings> bot(String name) {
        return Optional.ofNullable(bots.get(name));
    }
}
