package org.dialoghook.internal.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the settings once, while the application deploys, and fails the deployment naming the setting
 * when a value is unusable. Everything else obtains the result through {@link SettingsProducer}.
 */
public class SettingsExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(SettingsExtension.class.getName());

    private volatile ReceiverSettings settings;

    void readSettings(@Observes AfterDeploymentValidation event) {
        Config config = ConfigProvider.getConfig();
        try {
            settings = new SettingsReader(name -> config.getOptionalValue(name, String.class)).read();
        } catch (InvalidSettingException e) {
            event.addDeploymentProblem(e);
            return;
        }
        Optional<Secret> secret = settings.secret();
        if (secret.isEmpty()) {
            LOG.log(Level.WARNING, "DH-0101 bot=default: no secret is set ({0} or DIALOGHOOK_SECRET); "
                    + "every delivery is refused with 503 until one is", SettingsReader.SECRET);
        } else if (secret.get().length() < Secret.RECOMMENDED_MIN_BYTES) {
            LOG.log(Level.WARNING, "DH-0102 bot=default: the secret is {0} bytes, shorter than the {1} bytes "
                    + "an HMAC-SHA256 key should have; accepted because the portal sets it",
                    new Object[] {secret.get().length(), Secret.RECOMMENDED_MIN_BYTES});
        }
        LOG.log(Level.INFO, "DH-0100 settings read: bot=default secret={0}, max-body-bytes={1}, {2}",
                new Object[] {secret.isPresent() ? "set" : "NOT SET", String.valueOf(settings.maxBodyBytes()),
                    settings.token()});
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
