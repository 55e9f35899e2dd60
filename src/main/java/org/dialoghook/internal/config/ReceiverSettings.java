package org.dialoghook.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every setting of the receiver, read once at deployment and never changed.
 *
 * @param bots every configured bot by name, the default bot first and always present
 * @param maxBodyBytes the largest body accepted
 * @param limits limits on the body's shape
 * @param replay how redeliveries are recognised
 * @param capture what capture mode logs about each delivery
 * @param handlerBots for each handler limited to some bots, the names of those bots; a handler not in the map
 *        serves every bot
 */
public record ReceiverSettings(Map<String, BotSettings> bots, int maxBodyBytes, BodyLimits limits,
        ReplaySettings replay, CaptureMode capture, Map<String, Set<String>> handlerBots) {

    /** Copies the maps, keeping the default bot first. */
    public ReceiverSettings {
        if (!bots.containsKey(BotSettings.DEFAULT_BOT)) {
            throw new IllegalArgumentException("the default bot is always configured");
        }
        Map<String, BotSettings> ordered = new LinkedHashMap<>();
        ordered.put(BotSettings.DEFAULT_BOT, bots.get(BotSettings.DEFAULT_BOT));
        new TreeMap<>(bots).forEach(ordered::putIfAbsent);
        bots = Collections.unmodifiableMap(ordered);
        Map<String, Set<String>> handlerLimits = new TreeMap<>();
        handlerBots.forEach((handler, names) -> handlerLimits.put(handler, Set.copyOf(names)));
        handlerBots = Collections.unmodifiableMap(handlerLimits);
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
