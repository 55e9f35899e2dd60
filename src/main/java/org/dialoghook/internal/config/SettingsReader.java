package org.dialoghook.internal.config;

import jakarta.json.Json;
import jakarta.json.JsonException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates every {@code dialoghook.*} setting from one lookup function (MicroProfile Config in
 * the server, a map in tests). A bad value stops the reading with an {@link InvalidSettingException}
 * that names the setting. Values are trimmed, except the secret: its bytes are the key exactly as set.
 */
public final class SettingsReader {

    public static final String SECRET = "dialoghook.secret";
    public static final String ALGORITHMS = "dialoghook.jwt.algorithms";
    public static final String CLOCK_SKEW = "dialoghook.jwt.clock-skew";
    public static final String MAX_AGE = "dialoghook.jwt.max-age";
    public static final String REQUIRE_EXP = "dialoghook.jwt.require-exp";
    public static final String BODY_BINDING = "dialoghook.body-binding";
    public static final String BODY_HASH_CLAIM = "dialoghook.body-hash-claim";
    public static final String HANDLER_FIELD = "dialoghook.handler-field";
    public static final String MAX_BODY_BYTES = "dialoghook.max-body-bytes";
    public static final String HANDLER_TIMEOUT = "dialoghook.handler.timeout";
    public static final String FALLBACK_BLOCK = "dialoghook.fallback-block";
    public static final String INVALID_FORM_BLOCK = "dialoghook.invalid-form-block";
    public static final String HANDLERS_PREFIX = "dialoghook.handlers.";
    public static final String REPLAY_WINDOW = "dialoghook.replay.window";
    public static final String REPLAY_STORE = "dialoghook.replay.store";
    public static final String LIMIT_DEPTH = "dialoghook.limits.depth";
    public static final String LIMIT_FORM_VALUES = "dialoghook.limits.form-values";
    public static final String LIMIT_STRING_LENGTH = "dialoghook.limits.string-length";
    public static final String LIMIT_HANDLER_NAME_LENGTH = "dialoghook.limits.handler-name-length";

    static final Set<String> PER_HANDLER_KEYS = Set.of("timeout", "fallback-block", "invalid-form-block");
    private static final Pattern BLOCK_ID = Pattern.compile("[0-9a-fA-F]{24}");

    static final Set<String> SUPPORTED_ALGORITHMS = Set.of("HS256", "HS384", "HS512");
    static final String DEFAULT_HANDLER_FIELDS = "/handler,/handlerName,/handler-name,/handler_name";
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final int LARGEST_MAX_BODY_BYTES = 64 * 1024 * 1024;
    static final Duration LONGEST_TIMEOUT = Duration.ofHours(1);

    private final Function<String, Optional<String>> lookup;

    /**
     * Creates a reader.
     *
     * @param lookup gives a setting's raw value, or empty when it is not set
     */
    public SettingsReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * Reads every setting.
     *
     * @return the settings
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public ReceiverSettings read() {
        Optional<Secret> secret = lookup.apply(SECRET).filter(text -> !text.isBlank()).map(Secret::of);
        TokenSettings token = new TokenSettings(
                algorithms(),
                duration(CLOCK_SKEW).orElse(Duration.ofSeconds(60)),
                duration(MAX_AGE),
                bool(REQUIRE_EXP, false),
                bodyBinding(),
                value(BODY_HASH_CLAIM).orElse("body_sha256"),
                handlerFields());
        if (token.maxAge().filter(age -> age.isZero()).isPresent()) {
            throw new InvalidSettingException(MAX_AGE, "must be longer than zero; leave it unset for no limit");
        }
        BodyLimits limits = new BodyLimits(
                count(LIMIT_DEPTH, BodyLimits.DEFAULTS.maxDepth()),
                count(LIMIT_FORM_VALUES, BodyLimits.DEFAULTS.maxFormValues()),
                count(LIMIT_STRING_LENGTH, BodyLimits.DEFAULTS.maxStringLength()),
                count(LIMIT_HANDLER_NAME_LENGTH, BodyLimits.DEFAULTS.maxHandlerNameLength()));
        return new ReceiverSettings(secret, token, maxBodyBytes(), limits, replay());
    }

    /**
     * Reads the deadline and fallback settings, global and for each registered handler. A handler's own
     * settings are looked up by its name, so environment variables work for them as for every setting.
     *
     * @param handlerNames the names of the registered handlers
     * @return the policies
     * @throws InvalidSettingException naming the first setting whose value cannot be used
     */
    public HandlerPolicies handlerPolicies(Set<String> handlerNames) {
        HandlerPolicy defaults = new HandlerPolicy(positive(HANDLER_TIMEOUT, duration(HANDLER_TIMEOUT)
                .orElse(Duration.ofSeconds(10))), blockId(FALLBACK_BLOCK), blockId(INVALID_FORM_BLOCK));
        Map<String, HandlerPolicy> policies = new TreeMap<>();
        for (String handler : handlerNames) {
            String prefix = HANDLERS_PREFIX + handler + ".";
            policies.put(handler, new HandlerPolicy(
                    positive(prefix + "timeout", duration(prefix + "timeout").orElse(defaults.timeout())),
                    blockId(prefix + "fallback-block").or(defaults::fallbackBlock),
                    blockId(prefix + "invalid-form-block").or(defaults::invalidFormBlock)));
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

    private Optional<String> value(String name) {
        return lookup.apply(name).map(String::trim).filter(text -> !text.isEmpty());
    }

    private Set<String> algorithms() {
        Set<String> algorithms = new LinkedHashSet<>();
        for (String item : list(value(ALGORITHMS).orElse("HS256"))) {
            String algorithm = item.toUpperCase(Locale.ROOT);
            if (!SUPPORTED_ALGORITHMS.contains(algorithm)) {
                throw new InvalidSettingException(ALGORITHMS, "'" + item
                        + "' is not accepted; the secret is shared, so only HS256, HS384 and HS512 can be listed");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new InvalidSettingException(ALGORITHMS, "lists no algorithm");
        }
        return algorithms;
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

    private boolean bool(String name, boolean defaultValue) {
        return value(name).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, "'" + text + "' is neither true nor false");
        }).orElse(defaultValue);
    }

    private BodyBindingMode bodyBinding() {
        return value(BODY_BINDING).map(text -> BodyBindingMode.fromSetting(text.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidSettingException(BODY_BINDING, "'" + text
                        + "' is not one of auto, hash, claims, signature-only")))
                .orElse(BodyBindingMode.AUTO);
    }

    private List<String> handlerFields() {
        List<String> pointers = list(value(HANDLER_FIELD).orElse(DEFAULT_HANDLER_FIELDS));
        if (pointers.isEmpty()) {
            throw new InvalidSettingException(HANDLER_FIELD, "lists no JSON Pointer");
        }
        for (String pointer : pointers) {
            try {
                if (pointer.isEmpty() || !pointer.startsWith("/")) {
                    throw new JsonException("not a member pointer");
                }
                Json.createPointer(pointer);
            } catch (JsonException e) {
                throw new InvalidSettingException(HANDLER_FIELD, "'" + pointer
                        + "' is not a JSON Pointer to a member, such as /handler or /meta/handler");
            }
        }
        return pointers;
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

    private ReplaySettings replay() {
        Duration window = positive(REPLAY_WINDOW, duration(REPLAY_WINDOW).orElse(Duration.ofMinutes(10)), Duration.ofDays(1));
        boolean jcache = value(REPLAY_STORE).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "memory" -> false;
            default -> throw new InvalidSettingException(REPLAY_STORE, "'" + text + "' is neither auto nor memory");
        }).orElse(true);
        return new ReplaySettings(window, jcache);
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
