package org.dialoghook.internal.config;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes the start-up lines about the settings just read: what each bot has, and what an operator must fix. */
final class SettingsLog {

    private static final Logger LOG = Logger.getLogger(SettingsLog.class.getName());

    private SettingsLog() {
    }

    /**
     * Logs the settings: one line per bot, warnings for a missing or short secret, and the capture mode.
     *
     * @param settings the settings read at deployment
     */
    static void announce(ReceiverSettings settings) {
        settings.bots().values().forEach(SettingsLog::announce);
        Map<String, Object> limits = new TreeMap<>();
        settings.handlers().byHandler().forEach((handler, policy) -> policy.bots().ifPresent(bots ->
                limits.put(handler, new TreeSet<>(bots))));
        LOG.log(Level.INFO, "DH-0100 settings read: bots={0}, max-body-bytes={1}, capture={2}, handler limits={3}",
                new Object[] {settings.bots().keySet(), String.valueOf(settings.maxBodyBytes()),
                    settings.capture().settingValue(), limits});
        if (settings.capture() == CaptureMode.FULL) {
            LOG.log(Level.WARNING, "DH-0104 capture mode is full: every delivery''s claim and "
                    + "body values, form answers included, are written to the log; set {0}=off when done",
                    SettingsReader.CAPTURE);
        } else if (settings.capture() == CaptureMode.SHAPE) {
            LOG.log(Level.INFO, "DH-0104 capture mode is shape: the shape of every delivery is written to the log");
        }
    }

    private static void announce(BotSettings bot) {
        String secretName = bot.settingName("secret");
        if (bot.secret().isEmpty()) {
            LOG.log(Level.WARNING, "DH-0101 bot={0}: no secret is set ({1}{2}); every delivery "
                    + "is refused with {3} until one is", new Object[] {bot.name(), secretName,
                        bot.isDefault() ? " or DIALOGHOOK_SECRET" : "", bot.isDefault() ? "503" : "404"});
        }
        bot.secret().ifPresent(secret -> warnIfShort(bot, "secret", secret));
        bot.previousSecret().ifPresent(secret -> {
            warnIfShort(bot, "previous-secret", secret);
            LOG.log(Level.INFO, "DH-0103 bot={0}: {1} is set; deliveries signed with it are accepted and logged "
                    + "as DH-0110 until it is removed", new Object[] {bot.name(), bot.settingName("previous-secret")});
        });
        LOG.log(Level.INFO, "DH-0100 settings read: bot={0} secret={1}, previous-secret={2}, {3}",
                new Object[] {bot.name(), bot.secret().isPresent() ? "set" : "NOT SET",
                    bot.previousSecret().isPresent() ? "set" : "not set", bot.token()});
    }

    private static void warnIfShort(BotSettings bot, String key, Secret secret) {
        if (secret.length() < Secret.RECOMMENDED_MIN_BYTES) {
            LOG.log(Level.WARNING, "DH-0102 bot={0}: the secret in {1} is {2} bytes, shorter than the {3} "
                    + "bytes an HMAC-SHA256 key should have; accepted because the portal sets it",
                    new Object[] {bot.name(), bot.settingName(key), secret.length(), Secret.RECOMMENDED_MIN_BYTES});
        }
    }
}
