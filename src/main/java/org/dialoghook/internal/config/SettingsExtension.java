package org.dialoghook.internal.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.HandlerName;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the settings once, while the application deploys, and fails the deployment naming the setting
 * when a value is unusable. Everything else obtains the result through {@link SettingsProducer}.
 */
public class SettingsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(SettingsExtension.class.getName());

    private final Set<String> handlerNames = new TreeSet<>();
    private volatile ReceiverSettings settings;

    void collectHandlerNames(@Observes ProcessBean<?> event) {
        for (Annotation qualifier : event.getBean().getQualifiers()) {
            if (qualifier instanceof HandlerName name) {
                handlerNames.add(name.value());
            }
        }
    }

    void readSettings(@Observes AfterDeploymentValidation event) {
        Config config = ConfigProvider.getConfig();
        try {
            settings = new SettingsReader(name -> config.getOptionalValue(name, String.class), config.getPropertyNames())
                    .read(handlerNames);
        } catch (InvalidSettingException e) {
            event.addDeploymentProblem(e);
            return;
        }
        settings.bots().values().forEach(SettingsExtension::announce);
        LOG.log(Level.INFO, "DH-0100 settings read: bots={0}, max-body-bytes={1}, capture={2}, handler limits={3}",
                new Object[] {settings.bots().keySet(), String.valueOf(settings.maxBodyBytes()),
                    settings.capture().settingValue(), settings.handlerBots()});
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

    /**
     * The settings read at deployment.
     *
     * @return the settings
     * @throws IllegalStateException before the deployment has been validated
     */
    public ReceiverSettings settings() {
        ReceiverSettings current = settings;
        if (current == null) {
            throw new IllegalStateException("the settings are read when the deployment is validated");
        }
        return current;
    }
}
