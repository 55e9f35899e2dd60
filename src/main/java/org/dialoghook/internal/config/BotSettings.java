package org.dialoghook.internal.config;

import java.time.Instant;
import java.util.Optional;

/**
 * One bot's settings: its secrets and how its tokens are verified.
 *
 * @param name the bot's name: {@code default} for {@code POST /webhook}, else the {@code {bot}} path segment
 * @param secret the bot's JWT secret; empty while it is not set
 * @param previousSecret a second secret accepted while the secret is being rotated; empty when not set
 * @param previousSecretExpires when the previous secret stops being accepted by itself; empty for no end
 * @param token how the bot's tokens are verified, each value defaulting to the global setting
 */
public record BotSettings(String name, Optional<Secret> secret, Optional<Secret> previousSecret,
        Optional<Instant> previousSecretExpires, TokenSettings token) {

    /** The name of the bot served at {@code POST /webhook}. */
    public static final String DEFAULT_BOT = "default";

    /**
     * A bot whose previous secret, if any, has no end.
     *
     * @param name the bot's name
     * @param secret the bot's JWT secret
     * @param previousSecret the previous secret
     * @param token how the bot's tokens are verified
     */
    public BotSettings(String name, Optional<Secret> secret, Optional<Secret> previousSecret, TokenSettings token) {
        this(name, secret, previousSecret, Optional.empty(), token);
    }

    /**
     * The name of one of this bot's settings, as an operator writes it.
     *
     * @param key the key below the bot, for example {@code secret} or {@code jwt.algorithms}
     * @return {@code dialoghook.<key>} for the default bot, {@code dialoghook.bots.<bot>.<key>} for another
     */
    public String settingName(String key) {
        return SettingsReader.settingName(name, key);
    }

    /**
     * Whether this is the bot served at {@code POST /webhook}.
     *
     * @return true for the default bot
     */
    public boolean isDefault() {
        return DEFAULT_BOT.equals(name);
    }
}
