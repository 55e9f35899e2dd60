package org.dialoghook.internal.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.JsonSupport;

/**
 * The bots this deployment serves and, for each, what checks its deliveries: token verifiers (one per secret),
 * body binding and body reader, all built once at start.
 */
@ApplicationScoped
public class WebhookBots {

    /** The name of the bot served at {@code POST /webhook}. */
    public static final String DEFAULT_BOT = BotSettings.DEFAULT_BOT;

    @Inject
    ReceiverSettings settings;

    @Inject
    JsonSupport json;

    @Inject
    Clock clock;

    private Map<String, DeliveryChecks> bots;

    @PostConstruct
    void build() {
        Map<String, DeliveryChecks> built = new LinkedHashMap<>();
        settings.bots().forEach((name, bot) -> built.put(name, checks(bot)));
        bots = Collections.unmodifiableMap(built);
    }

    private DeliveryChecks checks(BotSettings bot) {
        TokenSettings token = bot.token();
        DeliveryBodyReader bodyReader = new DeliveryBodyReader(json.provider(), token.handlerFields(), settings.limits());
        Optional<BotTokenVerifier> verifier = bot.secret().map(secret -> new BotTokenVerifier(bot.name(),
                bot.settingName("previous-secret"), new TokenVerifier(secret, token, clock, json.provider()),
                bot.previousSecret().map(previous -> new TokenVerifier(previous, token, clock, json.provider()))));
        return new DeliveryChecks(bot, verifier,
                new BodyBinding(token.bodyBinding(), token.bodyHashClaim(), bodyReader, json.provider()), bodyReader);
    }

    /**
     * The checks for a bot that can receive deliveries.
     *
     * @param bot the bot's name; {@code null} for the default bot
     * @return the checks; empty when no bot of that name is configured, or when a named bot has no secret (the
     *         default bot is always there, without a verifier while it has no secret)
     */
    public Optional<DeliveryChecks> checksFor(String bot) {
        DeliveryChecks checks = bots.get(bot == null ? DEFAULT_BOT : bot);
        if (checks == null || !checks.settings().isDefault() && checks.verifier().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(checks);
    }

    /**
     * Every configured bot's checks, the default bot first.
     *
     * @return the checks by bot name
     */
    public Map<String, DeliveryChecks> all() {
        return bots;
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
