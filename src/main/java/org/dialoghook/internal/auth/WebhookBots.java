package org.dialoghook.internal.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.PerSnapshot;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.JsonSupport;

/**
 * The bots a settings snapshot serves and, for each, what checks its deliveries: token verifiers (one per secret),
 * body binding and body reader. They are built once per snapshot, when the first delivery of a new snapshot asks,
 * and a delivery always gets the checks of the snapshot it holds.
 */
@ApplicationScoped
public class WebhookBots {

    /** The name of the bot served at {@code POST /webhook}. */
    public static final String DEFAULT_BOT = BotSettings.DEFAULT_BOT;

    @Inject
    JsonSupport json;

    @Inject
    Clock clock;

    private final Map<String, AtomicLong> previousSecretDeliveries = new ConcurrentHashMap<>();
    private final PerSnapshot<Map<String, DeliveryChecks>> byBot = new PerSnapshot<>(this::build);

    private Map<String, DeliveryChecks> build(ReceiverSettings settings) {
        Map<String, DeliveryChecks> built = new LinkedHashMap<>();
        settings.bots().forEach((name, bot) -> built.put(name, checks(settings, bot)));
        return Collections.unmodifiableMap(built);
    }

    private DeliveryChecks checks(ReceiverSettings settings, BotSettings bot) {
        TokenSettings token = bot.token();
        DeliveryBodyReader bodyReader = new DeliveryBodyReader(json.provider(), token.handlerFields(), settings.limits());
        AtomicLong counter = previousSecretDeliveries.computeIfAbsent(bot.name(), name -> new AtomicLong());
        Optional<BotTokenVerifier> verifier = bot.secret().map(secret -> new BotTokenVerifier(bot.name(),
                bot.settingName("previous-secret"), new TokenVerifier(secret, token, clock, json.provider()),
                bot.previousSecret().map(previous -> new TokenVerifier(previous, token, clock, json.provider())),
                bot.previousSecretExpires(), clock, counter));
        return new DeliveryChecks(bot, verifier,
                new BodyBinding(token.bodyBinding(), token.bodyHashClaim(), bodyReader, json.provider()), bodyReader);
    }

    /**
     * The checks for a bot that can receive deliveries.
     *
     * @param settings the snapshot the delivery works from
     * @param bot the bot's name; {@code null} for the default bot
     * @return the checks; empty when no bot of that name is configured, or when a named bot has no secret (the
     *         default bot is always there, without a verifier while it has no secret)
     */
    public Optional<DeliveryChecks> checksFor(ReceiverSettings settings, String bot) {
        DeliveryChecks checks = byBot.of(settings).get(bot == null ? DEFAULT_BOT : bot);
        if (checks == null || !checks.settings().isDefault() && checks.verifier().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(checks);
    }

    /**
     * Every configured bot's checks, the default bot first.
     *
     * @param settings the snapshot
     * @return the checks by bot name
     */
    public Map<String, DeliveryChecks> all(ReceiverSettings settings) {
        return byBot.of(settings);
    }

    /**
     * Everything that checks one bot's deliveries.
     *
     * @param settings the bot's settings
     * @param verifier the token verifier, empty while the bot has no secret
     * @param binding the body binding check
     * @param bodyReader the body parser
     */
    public record DeliveryChecks(BotSettings settings, Optional<BotTokenVerifier> verifier, BodyBinding binding,
            DeliveryBodyReader bodyReader) {
    }
}
