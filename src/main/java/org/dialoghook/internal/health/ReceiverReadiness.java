package org.dialoghook.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.dialoghook.internal.auth.BotTokenVerifier;
import org.dialoghook.internal.auth.WebhookBots;
import org.dialoghook.internal.auth.WebhookBots.DeliveryChecks;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.dispatch.HandlerRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness of the receiver: DOWN, with the reason, while a configured bot has no secret or
 * no handler is registered, since deliveries would then be refused. During a secret rotation it also shows how
 * many deliveries each bot accepted with its previous secret, and when that secret ends; a change of the settings
 * that was refused shows as {@code refused-change} (the settings in force stay, so readiness stays as it was).
 * Never shows a secret.
 */
@Readiness
@ApplicationScoped
public class ReceiverReadiness implements HealthCheck {

    /** The name the check reports under. */
    public static final String NAME = "dialoghook";

    @Inject
    WebhookBots bots;

    @Inject
    HandlerRegistry handlers;

    @Inject
    LiveSettings settings;

    @Override
    public HealthCheckResponse call() {
        List<String> reasons = new ArrayList<>();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        ReceiverSettings current = settings.current();
        for (DeliveryChecks bot : bots.all(current).values()) {
            if (bot.verifier().isEmpty()) {
                reasons.add("bot '" + bot.settings().name() + "' has no secret (" + bot.settings().settingName("secret")
                        + ")");
            }
            bot.verifier().filter(BotTokenVerifier::rotating).ifPresent(verifier -> response.withData(
                    "bot." + bot.settings().name() + ".previous-secret-deliveries", verifier.previousSecretDeliveries()));
            bot.settings().previousSecretExpires().ifPresent(end -> response.withData(
                    "bot." + bot.settings().name() + ".previous-secret-ends", end.toString()));
        }
        settings.refusedChange().ifPresent(refused -> response.withData("refused-change", refused));
        if (handlers.names().isEmpty()) {
            reasons.add("no handler is registered");
        }
        response.withData("bots", String.join(",", current.bots().keySet()))
                .withData("handlers", handlers.names().size());
        if (reasons.isEmpty()) {
            return response.up().build();
        }
        return response.withData("reason", String.join("; ", reasons)).down().build();
    }
}
