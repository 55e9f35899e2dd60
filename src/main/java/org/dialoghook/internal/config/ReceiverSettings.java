package org.dialoghook.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every setting of the receiver: one immutable snapshot. A change on the server replaces the snapshot whole
 * ({@link LiveSettings}), and a delivery reads the snapshot it started with from start to end. The settings that
 * are read at deployment only ({@link #DEPLOYMENT_ONLY}) are carried from the deployment's snapshot into every
 * later one.
 *
 * @param bots every configured bot by name, the default bot first and always present
 * @param maxBodyBytes the largest body accepted
 * @param limits limits on the body's shape
 * @param replay how redeliveries are recognised
 * @param capture what capture mode logs about each delivery
 * @param handlers the settings of each handler, and the global ones for a name no handler has
 * @param telemetry whether the server's OpenTelemetry is turned on for the application: MicroProfile Telemetry's
 *        own switch {@code otel.sdk.disabled} is {@code false} (it is {@code true} unless set)
 * @param refresh how often the settings are read again while the application runs
 */
public record ReceiverSettings(Map<String, BotSettings> bots, int maxBodyBytes, BodyLimits limits,
        ReplaySettings replay, CaptureMode capture, HandlerPolicies handlers, boolean telemetry, Duration refresh) {

    /** The settings read at deployment only: a change to them takes effect when the application is reloaded. */
    public static final List<String> DEPLOYMENT_ONLY = List.of(SettingsReader.REPLAY_STORE,
            SettingsReader.REPLAY_CACHE, SettingsReader.REPLAY_DATASOURCE, SettingsReader.REPLAY_GRID_BATCHING,
            SettingsReader.OTEL_SDK_DISABLED,
            SettingsReader.SETTINGS_REFRESH);

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

    /**
     * This snapshot with the deployment-only settings of another: what a change read while the application runs
     * can take effect as.
     *
     * @param deployed the snapshot read at deployment
     * @return a snapshot whose deployment-only settings are those of {@code deployed}
     */
    public ReceiverSettings withDeploymentOnlySettingsOf(ReceiverSettings deployed) {
        ReplaySettings kept = new ReplaySettings(replay.window(), deployed.replay().store(),
                deployed.replay().sharedMapName(), deployed.replay().dataSourceName(), deployed.replay().gridBatching());
        return new ReceiverSettings(bots, maxBodyBytes, limits, kept, capture, handlers, deployed.telemetry(),
                deployed.refresh());
    }

    /**
     * The deployment-only settings whose value here differs from another snapshot's.
     *
     * @param deployed the snapshot read at deployment
     * @return the names of the settings, in the order of {@link #DEPLOYMENT_ONLY}
     */
    public List<String> deploymentOnlyChangesFrom(ReceiverSettings deployed) {
        List<String> changed = new ArrayList<>();
        if (replay.store() != deployed.replay().store()) {
            changed.add(SettingsReader.REPLAY_STORE);
        }
        if (!replay.sharedMapName().equals(deployed.replay().sharedMapName())) {
            changed.add(SettingsReader.REPLAY_CACHE);
        }
        if (!replay.dataSourceName().equals(deployed.replay().dataSourceName())) {
            changed.add(SettingsReader.REPLAY_DATASOURCE);
        }
        if (replay.gridBatching() != deployed.replay().gridBatching()) {
            changed.add(SettingsReader.REPLAY_GRID_BATCHING);
        }
        if (telemetry != deployed.telemetry()) {
            changed.add(SettingsReader.OTEL_SDK_DISABLED);
        }
        if (!refresh.equals(deployed.refresh())) {
            changed.add(SettingsReader.SETTINGS_REFRESH);
        }
        return changed;
    }
}
