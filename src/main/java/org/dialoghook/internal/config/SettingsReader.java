package org.dialoghook.internal.config;

import jakarta.json.Json;
import jakarta.json.JsonException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates every {@code dialoghook.*} setting, and MicroProfile Telemetry's {@code otel.sdk.disabled},
 * from one lookup function (MicroProfile Config in
 * the server, a map in tests) and the names of the properties the config sources hold, which name the
 * bots and the handler limits. A bad value stops the reading with an {@link InvalidSettingException} that
 * names the setting. Values are trimmed, except secrets: their bytes are the key exactly as set.
 */
public final class SettingsReader {

    public static final String SECRET = "dialoghook.secret";
    public static final String PREVIOUS_SECRET = "dialoghook.previous-secret";
    public static final String PREVIOUS_SECRET_EXPIRES = "dialoghook.previous-secret.expires";
    public static final String SETTINGS_REFRESH = "dialoghook.settings.refresh";
    public static final String ALGORITHMS = "dialoghook.jwt.algorithms";
    public static final String CLOCK_SKEW = "dialoghook.jwt.clock-skew";
    public static final String MAX_AGE = "dialoghook.jwt.max-age";
    public static final String REQUIRE_EXP = "dialoghook.jwt.require-exp";
    public static final String BODY_BINDING = "dialoghook.body-binding";
    public static final String BODY_HASH_CLAIM = "dialoghook.body-hash-claim";
    public static final String HANDLER_FIELD = "dialoghook.handler-field";
    public static final String MAX_BODY_BYTES = "dialoghook.max-body-bytes";
    public static final String CAPTURE = "dialoghook.capture";
    public static final String BOTS = "dialoghook.bots";
    public static final String HANDLER_TIMEOUT = "dialoghook.handler.timeout";
    public static final String FALLBACK_BLOCK = "dialoghook.fallback-block";
    public static final String INVALID_FORM_BLOCK = "dialoghook.invalid-form-block";
    public static final String HANDLERS_PREFIX = "dialoghook.handlers.";
    public static final String REPLAY_WINDOW = "dialoghook.replay.window";
    public static final String REPLAY_STORE = "dialoghook.replay.store";
    public static final String REPLAY_CACHE = "dialoghook.replay.cache";
    public static final String REPLAY_DATASOURCE = "dialoghook.replay.datasource";
    public static final String REPLAY_GRID_BATCHING = "dialoghook.replay.grid-batching";
    public static final String LIMIT_DEPTH = "dialoghook.limits.depth";
    public static final String LIMIT_FORM_VALUES = "dialoghook.limits.form-values";
    public static final String LIMIT_STRING_LENGTH = "dialoghook.limits.string-length";
    public static final String LIMIT_HANDLER_NAME_LENGTH = "dialoghook.limits.handler-name-length";
    public static final String LIMIT_NUMBER_LENGTH = "dialoghook.limits.number-length";
    public static final String LIMIT_MEMBERS = "dialoghook.limits.members";
    /** MicroProfile Telemetry's switch, read as the server reads it: telemetry is on only when it is {@code false}. */
    public static final String OTEL_SDK_DISABLED = "otel.sdk.disabled";

    static final Set<String> PER_HANDLER_KEYS = Set.of("timeout", "fallback-block", "invalid-form-block");
    private static final Pattern BLOCK_ID = Pattern.compile("[0-9a-fA-F]{24}");

    static final String PREFIX = "dialoghook.";
    static final String BOT_PREFIX = "dialoghook.bots.";
    static final String HANDLER_BOTS_SUFFIX = ".bots";

    /** The keys a named bot takes below {@code dialoghook.bots.<bot>.}; each is a global {@code dialoghook.<key>} too. */
    static final List<String> BOT_KEYS = List.of("secret", "previous-secret", "previous-secret.expires",
            "jwt.algorithms", "jwt.clock-skew",
            "jwt.max-age", "jwt.require-exp", "body-binding", "body-hash-claim", "handler-field");

    static final Set<String> SUPPORTED_ALGORITHMS = Set.of("HS256", "HS384", "HS512");
    static final String DEFAULT_HANDLER_FIELDS = "/handler,/handlerName,/handler-name,/handler_name";
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final int LARGEST_MAX_BODY_BYTES = 64 * 1024 * 1024;
    static final Duration LONGEST_TIMEOUT = Duration.ofHours(1);
    static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);
    static final Duration LONGEST_REFRESH = Duration.ofHours(1);

    private static final Pattern BOT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final TokenSettings DEFAULT_TOKEN = new TokenSettings(Set.of("HS256"), Duration.ofSeconds(60),
            Optional.empty(), false, BodyBindingMode.AUTO, "body_sha256", List.of(DEFAULT_HANDLER_FIELDS.split(",")));

    private final Function<String, Optional<String>> lookup;
    private final Iterable<String> propertyNames;

    /**
     * Creates a reader that knows no property names: it reads the default bot and the global settings only.
     *
     * @param lookup gives a setting's raw value, or empty when it is not set
     */
    public SettingsReader(Function<String, Optional<String>> lookup) {
        this(lookup, List.of());
    }

    /**
     * Creates a reader.
     *
     * @param lookup gives a setting's raw value, or empty when it is not set
     * @param propertyNames the names of every property the config sources hold
     */
    public SettingsReader(Function<String, Optional<String>> lookup, Iterable<String> propertyNames) {
        this.lookup = lookup;
        this.propertyNames = propertyNames;
    }

    /**
     * The name of a bot's setting.
     *
     * @param bot the bot's name
     * @param key the key below the bot, for example {@code secret}
     * @return {@code dialoghook.<key>} for the default bot, {@code dialoghook.bots.<bot>.<key>} for another
     */
    static String settingName(String bot, String key) {
        return BotSettings.DEFAULT_BOT.equals(bot) ? PREFIX + key : BOT_PREFIX + bot + "." + key;
    }

    /**
     * Reads every setting without checking handler limits against the registered handlers.
     *
     * @return the settings
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public ReceiverSettings read() {
        return read(null);
    }

    /**
     * Reads every setting.
     *
     * @param registeredHandlers the handler names this deployment registered; a handler limit for any other name
     *        is refused, and each of these names is looked up (so an environment variable can limit it);
     *        {@code null} when not known
     * @return the settings
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public ReceiverSettings read(Set<String> registeredHandlers) {
        TokenSettings global = token(BotSettings.DEFAULT_BOT, DEFAULT_TOKEN);
        Map<String, BotSettings> bots = new LinkedHashMap<>();
        bots.put(BotSettings.DEFAULT_BOT, bot(BotSettings.DEFAULT_BOT, global));
        for (String name : botNames()) {
            bots.put(name, bot(name, token(name, global)));
        }
        BodyLimits limits = new BodyLimits(
                count(LIMIT_DEPTH, BodyLimits.DEFAULTS.maxDepth()),
                count(LIMIT_FORM_VALUES, BodyLimits.DEFAULTS.maxFormValues()),
                count(LIMIT_STRING_LENGTH, BodyLimits.DEFAULTS.maxStringLength()),
                count(LIMIT_HANDLER_NAME_LENGTH, BodyLimits.DEFAULTS.maxHandlerNameLength()),
                count(LIMIT_NUMBER_LENGTH, BodyLimits.DEFAULTS.maxNumberLength()),
                count(LIMIT_MEMBERS, BodyLimits.DEFAULTS.maxMembers()));
        Map<String, Set<String>> handlerBots = handlerBots(bots.keySet(), registeredHandlers);
        Set<String> handlers = new TreeSet<>(handlerBots.keySet());
        if (registeredHandlers != null) {
            handlers.addAll(registeredHandlers);
        }
        return new ReceiverSettings(bots, maxBodyBytes(), limits, replay(), capture(),
                handlerPolicies(handlers, handlerBots), telemetry(), refresh());
    }

    /**
     * Reads the settings of each handler: the global ones, and each handler's own merged with them. A handler's own
     * settings are looked up by its name, so environment variables work for them as for every setting.
     *
     * @param handlerNames the names of the registered handlers
     * @param handlerBots the bots each limited handler serves
     * @return the policies
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    private HandlerPolicies handlerPolicies(Set<String> handlerNames, Map<String, Set<String>> handlerBots) {
        HandlerPolicy defaults = new HandlerPolicy(positive(HANDLER_TIMEOUT, duration(HANDLER_TIMEOUT)
                .orElse(Duration.ofSeconds(10))), blockId(FALLBACK_BLOCK), blockId(INVALID_FORM_BLOCK), Optional.empty());
        Map<String, HandlerPolicy> policies = new TreeMap<>();
        for (String handler : handlerNames) {
            String prefix = HANDLERS_PREFIX + handler + ".";
            policies.put(handler, new HandlerPolicy(
                    positive(prefix + "timeout", duration(prefix + "timeout").orElse(defaults.timeout())),
                    blockId(prefix + "fallback-block").or(defaults::fallbackBlock),
                    blockId(prefix + "invalid-form-block").or(defaults::invalidFormBlock),
                    Optional.ofNullable(handlerBots.get(handler))));
        }
        return new HandlerPolicies(defaults, policies);
    }

    /**
     * The handler named by a per-handler setting such as {@code dialoghook.handlers.order.v2.timeout}.
     *
     * @param settingName a setting name
     * @return the handler name, or empty when the name is no per-handler setting
     */
    public static Optional<String> handlerOfSetting(String settingName) {
        if (!settingName.startsWith(HANDLERS_PREFIX)) {
            return Optional.empty();
        }
        String rest = settingName.substring(HANDLERS_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        return dot > 0 && PER_HANDLER_KEYS.contains(rest.substring(dot + 1))
                ? Optional.of(rest.substring(0, dot)) : Optional.empty();
    }

    private static Duration positive(String name, Duration duration) {
        return positive(name, duration, LONGEST_TIMEOUT);
    }

    private static Duration positive(String name, Duration duration, Duration longest) {
        if (duration.isZero() || duration.compareTo(longest) > 0) {
            throw new InvalidSettingException(name, "must be longer than zero and at most " + longest);
        }
        return duration;
    }

    private Optional<String> blockId(String name) {
        return value(name).map(id -> {
            if (!BLOCK_ID.matcher(id).matches()) {
                throw new InvalidSettingException(name, "'" + id + "' is not a block id of 24 hexadecimal digits");
            }
            return id;
        });
    }

    private BotSettings bot(String bot, TokenSettings token) {
        String secretName = settingName(bot, "secret");
        String previousName = settingName(bot, "previous-secret");
        String expiresName = settingName(bot, "previous-secret.expires");
        Optional<Secret> secret = secret(secretName);
        Optional<Secret> previous = secret(previousName);
        Optional<Instant> expires = instant(expiresName);
        if (previous.isPresent() && secret.isEmpty()) {
            throw new InvalidSettingException(previousName, "is set but " + secretName
                    + " is not; a previous secret is accepted only beside the current one");
        }
        // an end without a previous secret ends nothing: it is left alone, so that the two can be removed in any order
        return new BotSettings(bot, secret, previous, previous.isPresent() ? expires : Optional.empty(), token);
    }

    private Optional<Instant> instant(String name) {
        return value(name).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidSettingException(name, "'" + text + "' is not a date and time with its offset; "
                        + "write ISO-8601, for example 2026-12-31T23:00:00Z or 2026-12-31T23:00:00+01:00");
            }
        });
    }

    /** How often the settings are read again: whole seconds or ISO-8601, at least one second, at most an hour. */
    private Duration refresh() {
        Duration refresh = positive(SETTINGS_REFRESH, duration(SETTINGS_REFRESH).orElse(DEFAULT_REFRESH), LONGEST_REFRESH);
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidSettingException(SETTINGS_REFRESH, "must be at least one second (PT1S)");
        }
        return refresh;
    }

    private Optional<Secret> secret(String name) {
        return lookup.apply(name).filter(text -> !text.isBlank()).map(Secret::of);
    }

    private Set<String> botNames() {
        Set<String> names = new TreeSet<>();
        value(BOTS).ifPresent(text -> list(text).forEach(name -> names.add(botName(BOTS, name))));
        for (String property : propertyNames) {
            if (property.startsWith(BOT_PREFIX)) {
                String rest = property.substring(BOT_PREFIX.length());
                String key = BOT_KEYS.stream().filter(candidate -> rest.endsWith("." + candidate)).findFirst()
                        .orElseThrow(() -> new InvalidSettingException(property, "is not a setting a bot takes; "
                                + "below " + BOT_PREFIX + "<bot>. a bot takes " + String.join(", ", BOT_KEYS)));
                names.add(botName(property, rest.substring(0, rest.length() - key.length() - 1)));
            }
        }
        return names;
    }

    private static String botName(String setting, String name) {
        if (BotSettings.DEFAULT_BOT.equals(name)) {
            throw new InvalidSettingException(setting, "names the bot 'default', which is configured with "
                    + PREFIX + "secret and the other global settings");
        }
        if (!BOT_NAME.matcher(name).matches()) {
            throw new InvalidSettingException(setting, "'" + name + "' is not a bot name; write 1 to 64 letters, "
                    + "digits, '-' or '_', starting with a letter or digit");
        }
        return name;
    }

    private TokenSettings token(String bot, TokenSettings fallback) {
        String maxAgeName = settingName(bot, "jwt.max-age");
        TokenSettings token = new TokenSettings(
                algorithms(settingName(bot, "jwt.algorithms")).orElse(fallback.algorithms()),
                duration(settingName(bot, "jwt.clock-skew")).orElse(fallback.clockSkew()),
                duration(maxAgeName).or(fallback::maxAge),
                bool(settingName(bot, "jwt.require-exp")).orElse(fallback.requireExp()),
                bodyBinding(settingName(bot, "body-binding")).orElse(fallback.bodyBinding()),
                value(settingName(bot, "body-hash-claim")).orElse(fallback.bodyHashClaim()),
                handlerFields(settingName(bot, "handler-field")).orElse(fallback.handlerFields()));
        if (token.maxAge().filter(Duration::isZero).isPresent()) {
            throw new InvalidSettingException(maxAgeName, "must be longer than zero; leave it unset for no limit");
        }
        return token;
    }

    private Optional<String> value(String name) {
        return lookup.apply(name).map(String::trim).filter(text -> !text.isEmpty());
    }

    private Optional<Set<String>> algorithms(String name) {
        return value(name).map(text -> {
            Set<String> algorithms = new LinkedHashSet<>();
            for (String item : list(text)) {
                String algorithm = item.toUpperCase(Locale.ROOT);
                if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
                    throw new InvalidSettingException(name, "'" + item
                            + "' is not accepted; the secret is shared, so only HS256, HS384 and HS512 can be listed");
                }
                algorithms.add(algorithm);
            }
            if (algorithms.isEmpty()) {
                throw new InvalidSettingException(name, "lists no algorithm");
            }
            return algorithms;
        });
    }

    private Optional<Duration> duration(String name) {
        return value(name).map(text -> {
            Duration duration;
            try {
                duration = text.chars().allMatch(Character::isDigit)
                        ? Duration.ofSeconds(Long.parseLong(text))
                        : Duration.parse(text);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new InvalidSettingException(name, "'" + text
                        + "' is not a duration; write whole seconds (60) or ISO-8601 (PT1M)");
            }
            if (duration.isNegative()) {
                throw new InvalidSettingException(name, "must not be negative");
            }
            return duration;
        });
    }

    private Optional<Boolean> bool(String name) {
        return value(name).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, "'" + text + "' is neither true nor false");
        });
    }

    private Optional<BodyBindingMode> bodyBinding(String name) {
        return value(name).map(text -> BodyBindingMode.fromSetting(text.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidSettingException(name, "'" + text
                        + "' is not one of auto, hash, claims, signature-only")));
    }

    private Optional<List<String>> handlerFields(String name) {
        return value(name).map(text -> {
            List<String> pointers = list(text);
            if (pointers.isEmpty()) {
                throw new InvalidSettingException(name, "lists no JSON Pointer");
            }
            for (String pointer : pointers) {
                try {
                    if (pointer.isEmpty() || !pointer.startsWith("/")) {
                        throw new JsonException("not a member pointer");
                    }
                    Json.createPointer(pointer);
                } catch (JsonException e) {
                    throw new InvalidSettingException(name, "'" + pointer
                            + "' is not a JSON Pointer to a member, such as /handler or /meta/handler");
                }
            }
            return pointers;
        });
    }

    private int maxBodyBytes() {
        return value(MAX_BODY_BYTES).map(text -> {
            try {
                int bytes = Integer.parseInt(text);
                if (bytes > 0 && bytes <= LARGEST_MAX_BODY_BYTES) {
                    return bytes;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException(MAX_BODY_BYTES, "'" + text
                    + "' is not a whole number of bytes between 1 and " + LARGEST_MAX_BODY_BYTES);
        }).orElse(DEFAULT_MAX_BODY_BYTES);
    }

    /** Whether the server's OpenTelemetry is on for the application; the server decides what other values mean. */
    private boolean telemetry() {
        return value(OTEL_SDK_DISABLED).filter(text -> text.equalsIgnoreCase("false")).isPresent();
    }

    private CaptureMode capture() {
        return value(CAPTURE).map(text -> CaptureMode.fromSetting(text.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidSettingException(CAPTURE, "'" + text + "' is not one of off, shape, full")))
                .orElse(CaptureMode.OFF);
    }

    private Map<String, Set<String>> handlerBots(Set<String> bots, Set<String> registeredHandlers) {
        Set<String> handlers = new TreeSet<>();
        if (registeredHandlers != null) {
            handlers.addAll(registeredHandlers);
        }
        for (String property : propertyNames) {
            if (property.startsWith(HANDLERS_PREFIX) && property.endsWith(HANDLER_BOTS_SUFFIX)
                    && property.length() > HANDLERS_PREFIX.length() + HANDLER_BOTS_SUFFIX.length()) {
                String handler = property.substring(HANDLERS_PREFIX.length(), property.length() - HANDLER_BOTS_SUFFIX.length());
                if (registeredHandlers != null && !registeredHandlers.contains(handler)) {
                    throw new InvalidSettingException(property, "names no registered handler; registered handlers: "
                            + new TreeSet<>(registeredHandlers));
                }
                handlers.add(handler);
            }
        }
        Map<String, Set<String>> limits = new TreeMap<>();
        for (String handler : handlers) {
            String name = HANDLERS_PREFIX + handler + HANDLER_BOTS_SUFFIX;
            value(name).ifPresent(text -> {
                Set<String> allowed = new TreeSet<>(list(text));
                if (allowed.isEmpty()) {
                    throw new InvalidSettingException(name, "lists no bot; leave it unset to let the handler serve every bot");
                }
                for (String bot : allowed) {
                    if (!bots.contains(bot)) {
                        throw new InvalidSettingException(name, "'" + bot + "' is not a configured bot; configured bots: "
                                + bots);
                    }
                }
                limits.put(handler, allowed);
            });
        }
        return limits;
    }

    private ReplaySettings replay() {
        Duration window = positive(REPLAY_WINDOW, duration(REPLAY_WINDOW).orElse(Duration.ofMinutes(10)), Duration.ofDays(1));
        ReplaySettings.Store store = value(REPLAY_STORE).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> ReplaySettings.Store.AUTO;
            case "memory" -> ReplaySettings.Store.MEMORY;
            case "jdbc" -> ReplaySettings.Store.JDBC;
            default -> throw new InvalidSettingException(REPLAY_STORE, "'" + text + "' is none of auto, memory, jdbc");
        }).orElse(ReplaySettings.Store.AUTO);
        String cache = jndiName(REPLAY_CACHE, value(REPLAY_CACHE).orElse(ReplaySettings.DEFAULT_SHARED_MAP));
        String dataSource = "";
        if (store == ReplaySettings.Store.JDBC) {
            dataSource = jndiName(REPLAY_DATASOURCE, value(REPLAY_DATASOURCE).orElseThrow(() -> new InvalidSettingException(
                    REPLAY_STORE, "jdbc needs " + REPLAY_DATASOURCE + ", the JNDI name of the application's data source, "
                            + "such as jdbc/__default on Payara or java:jboss/datasources/ExampleDS on WildFly")));
        }
        return new ReplaySettings(window, store, cache, dataSource, bool(REPLAY_GRID_BATCHING).orElse(true));
    }

    private static String jndiName(String name, String text) {
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidSettingException(name, "'" + text + "' is not a JNDI name: it holds white space");
        }
        return text;
    }

    private int count(String name, int defaultValue) {
        return value(name).map(text -> {
            try {
                int count = Integer.parseInt(text);
                if (count > 0) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException(name, "'" + text + "' is not a whole number of at least 1");
        }).orElse(defaultValue);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
