package org.dialoghook.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the settings read at deployment, and the clock tokens are checked against, injectable. */
@ApplicationScoped
public class SettingsProducer {

    @Inject
    ReceiverExtension extension;

    @Produces
    @Singleton
    ReceiverSettings settings() {
        return extension.settings();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
