package org.dialoghook.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the console is on ({@code dialoghook.dev-console}, off unless set to {@code true}), read once at
 * start; when it is on, the start-up log says so with a warning.
 */
@ApplicationScoped
public class ConsoleSwitch {

    /** The setting that turns the console on. */
    public static final String SETTING = "dialoghook.dev-console";

    private static final Logger LOG = Logger.getLogger(ConsoleSwitch.class.getName());

    @Inject
    @ConfigProperty(name = SETTING, defaultValue = "false")
    boolean on;

    void announce(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (on) {
            LOG.log(Level.WARNING, "DH-0800 the development console is on at <context-root>/{0}: it answers loopback "
                    + "clients only, shows every delivery this server receives and signs deliveries with the bots'' "
                    + "secrets; never turn it on in production", ConsoleApplication.PATH);
        }
    }

    /**
     * Whether the console answers.
     *
     * @return true when {@code dialoghook.dev-console=true}
     */
    public boolean isOn() {
        return on;
    }
}
