package org.dialoghook.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the settings again every {@code dialoghook.settings.refresh} while the application runs, on one thread of
 * the {@link ReceiverScheduler}'s threads, through the same MicroProfile Config the deployment read them from;
 * {@link SettingsRefresh} decides what comes of each read. Stops with the application.
 */
@ApplicationScoped
public class SettingsRefresher {

    private static final Logger LOG = Logger.getLogger(SettingsRefresher.class.getName());

    @Inject
    ReceiverExtension extension;

    @Inject
    LiveSettings live;

    @Inject
    Clock clock;

    @Inject
    ReceiverScheduler scheduler;

    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        Config config = extension.config();
        ReceiverSettings deployed = extension.settings();
        SettingsRefresh refresh = new SettingsRefresh(deployed, extension.handlers().keySet(),
                name -> config.getOptionalValue(name, String.class), () -> propertyNames(config), live, clock);
        scheduler.everyPeriod(() -> runOnce(refresh), deployed.refresh());
        LOG.log(Level.INFO, "DH-0105 settings are read again every {0}; a change that can be used is in force "
                + "within that time", deployed.refresh());
    }

    private static void runOnce(SettingsRefresh refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DH-0123 reading the settings again failed ({0}); the settings in force stay, and "
                    + "the next read is tried as planned", e.getClass().getName());
        }
    }

    /**
     * The property names MicroProfile Config lists, and the {@code dialoghook.} system properties the JVM holds now:
     * a server that sets a system property while the application runs may list it in its config sources later.
     */
    private static Iterable<String> propertyNames(Config config) {
        Set<String> names = new TreeSet<>();
        config.getPropertyNames().forEach(names::add);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(SettingsReader.PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }
}
