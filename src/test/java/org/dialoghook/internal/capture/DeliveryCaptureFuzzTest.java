package org.dialoghook.internal.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dialoghook.internal.auth.DeliveryVerifier;
import org.dialoghook.internal.auth.TestVerifiers;
import org.dialoghook.internal.auth.WebhookBots;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.SettingsReader;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.ProblemKind;
import org.dialoghook.testkit.DeliverySigner;

/**
 * Fuzzes capture mode's report of a delivery ({@link DeliveryCapture#describe}, and with it
 * {@link SettingsFit#assess}), fed the receiver's own verdict on the same delivery, as the token filter feeds it.
 *
 * <p>An input has a first line of options ({@code full} for mode {@code full}, else {@code shape};
 * {@code bot=<name>} for another bot than the default, configured are {@code sales} and {@code idle}, the latter
 * without a secret; {@code token=current|previous|sales|raw|none}; {@code ct=<content type>}; {@code twice} for
 * two {@code Authorization} headers; {@code nobody} for a body over the size limit), a second line with the
 * token's claims, which the test kit signs with the chosen secret (or, for {@code token=raw}, the whole
 * {@code Authorization} value), and the body. The properties: the receiver's verdict is a refusal or an
 * acceptance, and the report is always made; it never holds a secret, the token or its signature (unless the
 * request itself does); in mode {@code shape} it holds no string value of the claims or the body.
 */
class DeliveryCaptureFuzzTest {

    private static final String SECRET = "the-current-secret-of-the-default-bot";
    private static final String PREVIOUS = "the-previous-secret-of-the-default-bot";
    private static final String SALES_SECRET = "the-secret-of-the-sales-bot-0123456789";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Characters that no wording of the report holds. */
    private static final String TELLING = "!#$%&*+;<>?@[]^`{|}~";
    private static final Capturing SHAPE = new Capturing("shape");
    private static final Capturing FULL = new Capturing("full");

    @FuzzTest
    void describe(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", 3);
        Set<String> options = new LinkedHashSet<>(List.of(lines[0].strip().split(" +")));
        String second = lines.length > 1 ? lines[1] : "";
        byte[] raw = options.contains("nobody") ? null : (lines.length > 2 ? lines[2] : "").getBytes(StandardCharsets.UTF_8);
        String bot = option(options, "bot").orElse(null);
        String contentType = option(options, "ct").orElse("application/json");
        String tokenOption = option(options, "token").orElse("current");

        String token = switch (tokenOption) {
            case "previous" -> DeliverySigner.withSecret(PREVIOUS).sign(second);
            case "sales" -> DeliverySigner.withSecret(SALES_SECRET).sign(second);
            case "raw", "none" -> null;
            default -> DeliverySigner.withSecret(SECRET).sign(second);
        };
        List<String> authorization = new ArrayList<>();
        if (!tokenOption.equals("none")) {
            authorization.add(token == null ? second : "Bearer " + token);
            if (options.contains("twice")) {
                authorization.add(authorization.get(0));
            }
        }

        Capturing capturing = options.contains("full") ? FULL : SHAPE;
        DeliveryRefusedException refused = raw == null
                ? new DeliveryRefusedException(ProblemKind.BODY_TOO_LARGE, "The body is larger than the limit.")
                : capturing.verdict(bot, contentType, authorization, raw);
        DeliveryCapture.Capture capture = capturing.capture.describe(capturing.settings, bot == null ? "default" : bot, contentType,
                authorization.isEmpty() ? null : authorization, raw, refused);

        assertNotNull(capture.deliveryId());
        String report = capture.description().toString();
        for (String secret : List.of(SECRET, PREVIOUS, SALES_SECRET)) {
            // the report may repeat what the request holds; a secret that the request does not hold must not show
            assertFalse(!text.contains(secret) && report.contains(secret), "the report holds a secret");
        }
        if (token != null) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(!text.contains(token) && report.contains(token), "the report holds the token");
            assertFalse(!text.contains(signature) && report.contains(signature), "the report holds the token's signature");
        }
        if (capturing == SHAPE) {
            assertNoValues(report, second, raw, lines[0]);
        }
    }

    /**
     * In mode {@code shape}, no string value of the claims or the body is in the report, unless it is also part
     * of what shape mode shows: a member name, the token's header, the options. Only values with a character the
     * report's own wording never has ({@code !#$%&*+;<>?@[]^`{|}~}) are looked for: a value such as
     * {@code body_sha256} may be in the wording by right.
     */
    private static void assertNoValues(String report, String claimsText, byte[] raw, String optionLine) {
        List<JsonValue> documents = new ArrayList<>();
        parse(claimsText).ifPresent(documents::add);
        if (raw != null) {
            parse(new String(raw, StandardCharsets.UTF_8)).ifPresent(documents::add);
        }
        Map<String, Boolean> strings = new LinkedHashMap<>();
        StringBuilder shown = new StringBuilder(optionLine).append('\n').append(headerOf(claimsText));
        documents.forEach(document -> collect(document, strings, shown));
        strings.keySet().stream()
                .filter(value -> value.length() >= 6 && !shown.toString().contains(value)
                        && value.chars().anyMatch(c -> TELLING.indexOf(c) >= 0)
                        && value.chars().allMatch(c -> c >= ' ' && c != '"' && c != '\\' && c < 0x7f))
                .forEach(value -> assertFalse(report.contains(value), () -> "shape mode shows the value " + value));
    }

    private static void collect(JsonValue value, Map<String, Boolean> strings, StringBuilder names) {
        if (value instanceof JsonObject object) {
            object.forEach((name, member) -> {
                names.append('\n').append(name);
                collect(member, strings, names);
            });
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(item -> collect(item, strings, names));
        } else if (value instanceof JsonString text) {
            strings.put(text.getString(), Boolean.TRUE);
        }
    }

    /** The decoded header of a raw token in the second line, which the report shows in every mode. */
    private static String headerOf(String line) {
        String value = line.strip();
        String token = value.regionMatches(true, 0, "bearer ", 0, 7) ? value.substring(7).strip() : value;
        try {
            return new String(Base64.getUrlDecoder().decode(token.split("\\.", -1)[0]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Optional<JsonValue> parse(String text) {
        try {
            return Optional.of(JSON.createReader(new StringReader(text)).readValue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> option(Set<String> options, String key) {
        return options.stream().filter(option -> option.startsWith(key + "=")).findFirst()
                .map(option -> option.substring(key.length() + 1));
    }

    /** Capture mode and the delivery verifier of one receiver whose {@code dialoghook.capture} is set. */
    private static final class Capturing {

        private final DeliveryCapture capture;
        private final ReceiverSettings settings;
        private final DeliveryVerifier verifier;

        Capturing(String mode) {
            Map<String, String> config = Map.of(
                    "dialoghook.secret", SECRET,
                    "dialoghook.previous-secret", PREVIOUS,
                    "dialoghook.bots", "sales,idle",
                    "dialoghook.bots.sales.secret", SALES_SECRET,
                    "dialoghook.bots.sales.body-binding", "hash",
                    "dialoghook.capture", mode);
            settings = new SettingsReader(name -> Optional.ofNullable(config.get(name)),
                    config.keySet()).read();
            JsonSupport json = new JsonSupport();
            WebhookBots bots = TestVerifiers.bots(settings, json, CLOCK);
            this.capture = TestCaptures.capture(settings, bots, json, CLOCK);
            this.verifier = TestVerifiers.verifier(bots);
        }

        /** The receiver's verdict, as the token filter hands it to capture mode: {@code null} when accepted. */
        DeliveryRefusedException verdict(String bot, String contentType, List<String> authorization, byte[] raw) {
            try {
                verifier.verify(settings, bot, contentType, authorization.isEmpty() ? null : authorization, raw);
                return null;
            } catch (DeliveryRefusedException refused) {
                return refused;
            }
        }
    }
}
