package org.dialoghook.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@value #NAME} once, when the replay store is chosen at deployment: whether the data grid's replay store on
 * Payara sends its claims and replies in batches ({@code true}, the default) or one call at a time
 * ({@code false}). A value that is neither is warned about ({@code DH-0642}) and the default used.
 */
@ApplicationScoped
public class ReplayBatchingSetting {

    /** The setting's name. */
    public static final String NAME = "dialoghook.replay.grid-batching";

    private static final Logger LOG = Logger.getLogger(ReplayBatchingSetting.class.getName());

    /**
     * Whether the grid's replay store batches its calls.
     *
     * @return the setting's value, true when unset
     */
    public boolean enabled() {
        return parse(ConfigProvider.getConfig().getOptionalValue(NAME, String.class));
    }

    /**
     * Reads a raw value.
     *
     * @param raw the value, or empty when unset
     * @return true unless the value is {@code false}
     */
    static boolean parse(Optional<String> raw) {
        String text = raw.map(String::trim).map(value -> value.toLowerCase(Locale.ROOT)).orElse("");
        switch (text) {
            case "", "true":
                return true;
            case "false":
                return false;
            default:
                LOG.log(Level.WARNING, "DH-0642 Setting ''{0}'': ''{1}'' is neither true nor false; the data grid''s "
                        + "replay store sends its calls in batches", new Object[] {NAME, text});
                return true;
        }
    }
}
