package org.dialoghook.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The token settings a reader yields when nothing is set, spelled out for tests. */
final class SettingsReaderDefaults {

    static final TokenSettings TOKEN = new TokenSettings(Set.of("HS256"), Duration.ofSeconds(60), Optional.empty(),
            false, BodyBindingMode.AUTO, "body_sha256", List.of("/handler", "/handlerName", "/handler-name",
                    "/handler_name"));

    private SettingsReaderDefaults() {
    }
}
