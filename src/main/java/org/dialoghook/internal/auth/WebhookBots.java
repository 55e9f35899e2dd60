package org.dialoghook.internal.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.JsonSupport;

/**
 * The bots this deployment serves and, for each, what checks its deliveries: token verifier, body binding
 * and body reader, all built once at start.
 */
@ApplicationScoped
public class WebhookBots {

    /** The name of the bot served at {@code POST /webhook}. */
    public static final String DEFAULT_BOT = "default";

    @Inject
    ReceiverSettings settings;

    @Inject
    JsonSupport json;

    @Inject
    Clock clock;

    private DeliveryChecks defaultBot;
    private DeliveryBodyReader bodyReader;

    @PostConstruct
    void build() {
        bodyReader = new DeliveryBodyReader(json.provider(), settings.token().handlerFields(), settings.limits());
        defaultBot = new DeliveryChecks(
                settings.secret().map(secret -> new TokenVerifier(secret, settings.token(), clock, json.provider())),
                new BodyBinding(settings.token().bodyBinding(), settings.token().bodyHashClaim(), bodyReader,
                        json.provider()),
                bodyReader);
    }

    /**
     * The checks for a bot.
     *
     * @param bot the bot's name; {@code null} for the default bot
     * @return the checks, or empty when no bot of that name is configured
     */
    public Optional<DeliveryChecks> checksFor(String bot) {
        return bot == null || bot.equals(DEFAULT_BOT) ? Optional.of(defaultBot) : Optional.empty();
    }

    /**
     * Everything that checks one bot's deliveries.
     *
     * @param verifier the token verifier, empty while the bot has no secret
     * @param binding the body binding check
     * @param bodyReader the body parser
     */
    public record DeliveryChecks(Optional<TokenVerifier> verifier, BodyBinding binding, DeliveryBodyReader bodyReader) {
    }
}
