package org.dialoghook.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Fuzzes the reading of every setting from a configuration nobody wrote.
 *
 * <p>An input is a configuration, one {@code name=value} per line (the value as it is, spaces and all); a line
 * {@code @handlers=a,b} names the handlers the deployment registered. The properties: only
 * {@link InvalidSettingException} escapes; its message names a setting the configuration holds and says what is
 * wrong without a secret's value; settings that are read are within their documented ranges.
 */
class SettingsReaderFuzzTest {

    private static final String HANDLERS = "@handlers";
    private static final Pattern BOT_NAME = Pattern.compile("default|[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern BLOCK_ID = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Set<String> ALGORITHMS = Set.of("HS256", "HS384", "HS512");

    @FuzzTest
    void read(byte[] input) {
        Map<String, String> config = new LinkedHashMap<>();
        Set<String> handlers = null;
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                config.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        String registered = config.remove(HANDLERS);
        if (registered != null) {
            handlers = new TreeSet<>(List.of(registered.split(",")));
        }
        SettingsReader reader = new SettingsReader(name -> Optional.ofNullable(config.get(name)), config.keySet());
        ReceiverSettings settings;
        try {
            settings = reader.read(handlers);
        } catch (InvalidSettingException refused) {
            String message = refused.getMessage();
            Optional<String> named = config.keySet().stream()
                    .filter(name -> message.startsWith("Setting '" + name + "': ")).findFirst();
            assertTrue(named.isPresent(), () -> "the message names no setting of the configuration: " + message);
            String problem = message.substring(("Setting '" + named.get() + "': ").length());
            secretValues(config, registered).forEach(secret -> assertFalse(problem.contains(secret),
                    () -> "the message holds a secret: " + message));
            return;
        }
        assertWithinRanges(settings, handlers);
    }

    /**
     * The values of secret settings, long enough to tell, that the configuration holds nowhere else: not in a
     * name, not in another value, not among the registered handlers.
     */
    private static List<String> secretValues(Map<String, String> config, String registered) {
        return config.entrySet().stream()
                .filter(setting -> setting.getKey().endsWith("secret") && setting.getValue().strip().length() >= 8)
                .filter(secret -> {
                    String value = secret.getValue().strip();
                    return (registered == null || !registered.contains(value))
                            && config.entrySet().stream().noneMatch(other -> other.getKey().contains(value)
                                    || !other.getKey().equals(secret.getKey()) && other.getValue().contains(value));
                })
                .map(secret -> secret.getValue().strip())
                .toList();
    }

    private static void assertWithinRanges(ReceiverSettings settings, Set<String> handlers) {
        assertTrue(settings.maxBodyBytes() >= 1 && settings.maxBodyBytes() <= 64 * 1024 * 1024, "max-body-bytes");
        BodyLimits limits = settings.limits();
        assertTrue(limits.maxDepth() > 0 && limits.maxFormValues() > 0 && limits.maxStringLength() > 0
                && limits.maxHandlerNameLength() > 0, "a limit below 1");
        assertTrue(settings.bots().containsKey(BotSettings.DEFAULT_BOT), "no default bot");
        settings.bots().forEach((name, bot) -> {
            assertTrue(BOT_NAME.matcher(name).matches(), () -> "bot name " + name);
            assertTrue(bot.previousSecret().isEmpty() || bot.secret().isPresent(), "a previous secret alone");
            assertTrue(bot.previousSecretExpires().isEmpty() || bot.previousSecret().isPresent(), "an end alone");
            TokenSettings token = bot.token();
            assertFalse(token.algorithms().isEmpty(), "no algorithm");
            assertTrue(ALGORITHMS.containsAll(token.algorithms()), () -> "algorithms " + token.algorithms());
            assertFalse(token.clockSkew().isNegative(), "a negative clock skew");
            assertTrue(token.maxAge().map(age -> !age.isNegative() && !age.isZero()).orElse(true), "max-age");
            assertFalse(token.handlerFields().isEmpty(), "no handler field");
            token.handlerFields().forEach(field -> assertTrue(field.startsWith("/"), () -> "handler field " + field));
            assertFalse(token.bodyHashClaim().isBlank(), "a blank body-hash claim");
        });
        assertTrue(settings.refresh().compareTo(Duration.ofSeconds(1)) >= 0
                && settings.refresh().compareTo(Duration.ofHours(1)) <= 0, () -> "refresh " + settings.refresh());
        Duration window = settings.replay().window();
        assertTrue(window.compareTo(Duration.ZERO) > 0 && window.compareTo(Duration.ofDays(1)) <= 0, "replay window");
        ReplaySettings replay = settings.replay();
        assertEquals(replay.store() == ReplaySettings.Store.JDBC, !replay.dataSourceName().isEmpty(),
                () -> "a data source name with the jdbc store only: " + replay);
        assertTrue(replay.dataSourceName().chars().noneMatch(Character::isWhitespace), "a data source name with space");
        HandlerPolicies policies = settings.handlers();
        assertPolicy(policies.defaults());
        policies.byHandler().values().forEach(SettingsReaderFuzzTest::assertPolicy);
        if (handlers != null) {
            assertTrue(policies.byHandler().keySet().containsAll(handlers), "a registered handler without a policy");
        }
    }

    private static void assertPolicy(HandlerPolicy policy) {
        assertTrue(policy.timeout().compareTo(Duration.ZERO) > 0 && policy.timeout().compareTo(Duration.ofHours(1)) <= 0,
                () -> "timeout " + policy.timeout());
        policy.fallbackBlock().ifPresent(id -> assertTrue(BLOCK_ID.matcher(id).matches(), "fallback block"));
        policy.invalidFormBlock().ifPresent(id -> assertTrue(BLOCK_ID.matcher(id).matches(), "invalid-form block"));
        policy.bots().ifPresent(bots -> assertFalse(bots.isEmpty(), "a handler limited to no bot"));
    }
}
