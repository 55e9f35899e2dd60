package org.dialoghook.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsReaderTest {

    private static ReceiverSettings read(Map<String, String> settings) {
        return new SettingsReader(name -> Optional.ofNullable(settings.get(name))).read();
    }

    private static ReceiverSettings readOne(String name, String value) {
        return read(Map.of(name, value));
    }

    private static TokenSettings tokenWith(String name, String value) {
        return readOne(name, value).defaultBot().token();
    }

    /** Reads one bad setting and returns the failure's message, which must name the setting. */
    private static String failureFor(String name, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> readOne(name, value),
                () -> name + "=" + value + " should be refused");
        assertTrue(e.getMessage().contains(name), () -> "message should name " + name + ": " + e.getMessage());
        return e.getMessage();
    }

    // ---- defaults ----

    @Test
    void telemetryIsOnOnlyWhenTheServersSwitchSaysSo() {
        assertFalse(read(Map.of()).telemetry(), "MicroProfile Telemetry is off unless otel.sdk.disabled=false");
        assertTrue(readOne("otel.sdk.disabled", "false").telemetry());
        assertTrue(readOne("otel.sdk.disabled", " FALSE ").telemetry());
        assertFalse(readOne("otel.sdk.disabled", "true").telemetry());
        assertFalse(readOne("otel.sdk.disabled", "no").telemetry(), "the server decides other values; not read as on");
    }

    @Test
    void defaultsWhenNothingIsSet() {
        ReceiverSettings settings = read(Map.of());
        TokenSettings token = settings.defaultBot().token();

        assertEquals(Optional.empty(), settings.defaultBot().secret());
        assertEquals(Set.of("HS256"), token.algorithms());
        assertEquals(Duration.ofSeconds(60), token.clockSkew());
        assertEquals(Optional.empty(), token.maxAge());
        assertFalse(token.requireExp());
        assertEquals(BodyBindingMode.AUTO, token.bodyBinding());
        assertEquals("body_sha256", token.bodyHashClaim());
        assertEquals(List.of("/handler", "/handlerName", "/handler-name", "/handler_name"), token.handlerFields());
        assertEquals(1024 * 1024, settings.maxBodyBytes());
    }

    @Test
    void theSharedReplayMapIsLookedUpAtTheNameSetElseAtWildFlysCacheOfTheScript() {
        assertEquals("java:jboss/infinispan/cache/dialoghook/replays", read(Map.of()).replay().sharedMapName());
        assertTrue(read(Map.of()).replay().useSharedStore());
        assertEquals("java:global/replays", readOne(SettingsReader.REPLAY_CACHE, " java:global/replays ").replay()
                .sharedMapName());
        failureFor(SettingsReader.REPLAY_CACHE, "java:global/two words");
        assertFalse(readOne(SettingsReader.REPLAY_STORE, "memory").replay().useSharedStore());
    }

    @Test
    void theGridsBatchingIsOnUnlessSetFalseAndAnyOtherValueIsRefused() {
        assertTrue(read(Map.of()).replay().gridBatching());
        assertTrue(readOne(SettingsReader.REPLAY_GRID_BATCHING, " TRUE ").replay().gridBatching());
        assertFalse(readOne(SettingsReader.REPLAY_GRID_BATCHING, "false").replay().gridBatching());
        failureFor(SettingsReader.REPLAY_GRID_BATCHING, "sometimes");
    }

    @Test
    void theJdbcStoreNeedsTheDataSourcesJndiNameAndNoOtherStoreReadsIt() {
        ReplaySettings jdbc = read(Map.of(SettingsReader.REPLAY_STORE, "JDBC", SettingsReader.REPLAY_DATASOURCE,
                " jdbc/__default ")).replay();
        assertEquals(ReplaySettings.Store.JDBC, jdbc.store());
        assertEquals("jdbc/__default", jdbc.dataSourceName());
        assertFalse(jdbc.useSharedStore());

        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> readOne(SettingsReader.REPLAY_STORE, "jdbc"));
        assertTrue(missing.getMessage().startsWith("Setting 'dialoghook.replay.store': jdbc needs "
                + "dialoghook.replay.datasource, the JNDI name"), missing.getMessage());
        InvalidSettingException spaced = assertThrows(InvalidSettingException.class, () -> read(Map.of(
                SettingsReader.REPLAY_STORE, "jdbc", SettingsReader.REPLAY_DATASOURCE, "jdbc/two words")));
        assertTrue(spaced.getMessage().startsWith("Setting 'dialoghook.replay.datasource'"), spaced.getMessage());
        failureFor(SettingsReader.REPLAY_STORE, "database");

        assertEquals("", readOne(SettingsReader.REPLAY_DATASOURCE, "jdbc/__default").replay().dataSourceName(),
                "read only by the jdbc store");
    }

    @Test
    void blankValuesCountAsUnset() {
        ReceiverSettings settings = read(Map.of(SettingsReader.CLOCK_SKEW, "  ", SettingsReader.SECRET, " ",
                SettingsReader.MAX_BODY_BYTES, ""));

        assertEquals(Duration.ofSeconds(60), settings.defaultBot().token().clockSkew());
        assertEquals(Optional.empty(), settings.defaultBot().secret());
        assertEquals(1024 * 1024, settings.maxBodyBytes());
    }

    // ---- every setting parsed ----

    @Test
    void theSecretIsTakenAsSetWithoutTrimming() {
        Secret secret = readOne(SettingsReader.SECRET, " padded secret ").defaultBot().secret().orElseThrow();
        assertArrayEquals(" padded secret ".getBytes(StandardCharsets.UTF_8), secret.keyBytes());
    }

    @Test
    void secretIsReadAsUtf8KeyBytes() {
        Secret secret = readOne(SettingsReader.SECRET, "sécret-value").defaultBot().secret().orElseThrow();

        assertArrayEquals("sécret-value".getBytes(StandardCharsets.UTF_8), secret.keyBytes());
        assertEquals(Secret.of("sécret-value"), secret);
    }

    @Test
    void algorithmsAreReadCaseInsensitively() {
        assertEquals(Set.of("HS384", "HS512"), tokenWith(SettingsReader.ALGORITHMS, "hs384, Hs512").algorithms());
        assertEquals(Set.of("HS256", "HS384", "HS512"),
                tokenWith(SettingsReader.ALGORITHMS, " HS256 ,hs384,HS512 ").algorithms());
        assertEquals(Set.of("HS512"), tokenWith(SettingsReader.ALGORITHMS, "hs512").algorithms());
    }

    @ParameterizedTest
    @CsvSource({
        "0, PT0S",
        "30, PT30S",
        "120, PT2M",
        "PT90S, PT1M30S",
        "PT5M, PT5M",
        "PT1H, PT1H",
    })
    void clockSkewIsReadAsSecondsOrIso8601(String text, String expected) {
        assertEquals(Duration.parse(expected), tokenWith(SettingsReader.CLOCK_SKEW, text).clockSkew());
    }

    @ParameterizedTest
    @CsvSource({
        "300, PT5M",
        "1, PT1S",
        "PT10M, PT10M",
        "P1D, PT24H",
    })
    void maxAgeIsReadAsSecondsOrIso8601(String text, String expected) {
        assertEquals(Optional.of(Duration.parse(expected)), tokenWith(SettingsReader.MAX_AGE, text).maxAge());
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "TRUE, true", "False, false", "' true ', true"})
    void requireExpIsABoolean(String text, boolean expected) {
        assertEquals(expected, tokenWith(SettingsReader.REQUIRE_EXP, text).requireExp());
    }

    @ParameterizedTest
    @CsvSource({
        "auto, AUTO",
        "hash, HASH",
        "claims, CLAIMS",
        "signature-only, SIGNATURE_ONLY",
        "HASH, HASH",
        "Signature-Only, SIGNATURE_ONLY",
    })
    void everyBodyBindingModeIsRead(String text, BodyBindingMode expected) {
        assertEquals(expected, tokenWith(SettingsReader.BODY_BINDING, text).bodyBinding());
    }

    @Test
    void bodyHashClaimNameIsRead() {
        assertEquals("payload_hash", tokenWith(SettingsReader.BODY_HASH_CLAIM, "payload_hash").bodyHashClaim());
    }

    @Test
    void handlerFieldsAreReadInOrderIncludingANestedPointer() {
        assertEquals(List.of("/meta/handler", "/handler"),
                tokenWith(SettingsReader.HANDLER_FIELD, "/meta/handler, /handler").handlerFields());
        assertEquals(List.of("/meta/handler"), tokenWith(SettingsReader.HANDLER_FIELD, "/meta/handler").handlerFields());
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2048, 2048", "67108864, 67108864"})
    void maxBodyBytesIsRead(String text, int expected) {
        assertEquals(expected, readOne(SettingsReader.MAX_BODY_BYTES, text).maxBodyBytes());
    }

    @Test
    void everySettingTogether() {
        ReceiverSettings settings = read(Map.of(
                SettingsReader.SECRET, "0123456789abcdef0123456789abcdef",
                SettingsReader.ALGORITHMS, "HS256,HS384",
                SettingsReader.CLOCK_SKEW, "PT10S",
                SettingsReader.MAX_AGE, "600",
                SettingsReader.REQUIRE_EXP, "true",
                SettingsReader.BODY_BINDING, "claims",
                SettingsReader.BODY_HASH_CLAIM, "bh",
                SettingsReader.HANDLER_FIELD, "/meta/handler",
                SettingsReader.MAX_BODY_BYTES, "65536"));
        TokenSettings token = settings.defaultBot().token();

        assertEquals(32, settings.defaultBot().secret().orElseThrow().length());
        assertEquals(Set.of("HS256", "HS384"), token.algorithms());
        assertEquals(Duration.ofSeconds(10), token.clockSkew());
        assertEquals(Optional.of(Duration.ofMinutes(10)), token.maxAge());
        assertTrue(token.requireExp());
        assertEquals(BodyBindingMode.CLAIMS, token.bodyBinding());
        assertEquals("bh", token.bodyHashClaim());
        assertEquals(List.of("/meta/handler"), token.handlerFields());
        assertEquals(65536, settings.maxBodyBytes());
    }

    // ---- bad values ----

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "none", "NONE", "ES256", "PS256", "HS256,RS256", "HS1024"})
    void refusesAlgorithmsOtherThanHmac(String value) {
        failureFor(SettingsReader.ALGORITHMS, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {",", " , ,"})
    void refusesAnEmptyAlgorithmList(String value) {
        failureFor(SettingsReader.ALGORITHMS, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "abc", "PT-5S", "5s", "1.5", "P", "99999999999999999999"})
    void refusesABadClockSkew(String value) {
        failureFor(SettingsReader.CLOCK_SKEW, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "abc", "0", "PT0S", "-PT1M", "ten minutes"})
    void refusesABadMaxAge(String value) {
        failureFor(SettingsReader.MAX_AGE, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "1", "0", "on", "truth"})
    void refusesARequireExpThatIsNotABoolean(String value) {
        failureFor(SettingsReader.REQUIRE_EXP, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "none", "signature", "signature_only", "hashes"})
    void refusesAnUnknownBodyBinding(String value) {
        failureFor(SettingsReader.BODY_BINDING, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"handler", "/handler,handlerName", "meta/handler", ",", "#/handler"})
    void refusesAHandlerFieldThatIsNotAMemberPointer(String value) {
        failureFor(SettingsReader.HANDLER_FIELD, value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "lots", "1.5", "67108865", "2147483647", "2147483648", "1 MiB"})
    void refusesABadMaxBodyBytes(String value) {
        failureFor(SettingsReader.MAX_BODY_BYTES, value);
    }

    @Test
    void aBadValueStopsReadingEvenWhenOthersAreFine() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(
                SettingsReader.SECRET, "fine-secret",
                SettingsReader.CLOCK_SKEW, "30",
                SettingsReader.BODY_BINDING, "strict")));

        assertTrue(e.getMessage().contains(SettingsReader.BODY_BINDING), e.getMessage());
        assertFalse(e.getMessage().contains("fine-secret"), e.getMessage());
    }

    // ---- the secret never shows ----

    @Test
    void secretToStringNeverShowsTheValue() {
        Secret secret = Secret.of("top-secret-value-123");

        assertFalse(secret.toString().contains("top-secret-value-123"), secret.toString());
        assertFalse(secret.toString().contains("top-secret"), secret.toString());
    }

    @Test
    void settingsToStringNeverShowsTheSecret() {
        ReceiverSettings settings = readOne(SettingsReader.SECRET, "top-secret-value-123");

        assertFalse(settings.toString().contains("top-secret-value-123"), settings.toString());
        assertFalse(settings.defaultBot().secret().toString().contains("top-secret-value-123"));
    }

    @Test
    void secretKeyBytesAreACopy() {
        Secret secret = Secret.of("abc");
        byte[] bytes = secret.keyBytes();
        bytes[0] = 'z';

        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), secret.keyBytes());
    }

    // ---- handler policies ----

    private static HandlerPolicies policies(Map<String, String> settings, String... handlers) {
        return new SettingsReader(name -> Optional.ofNullable(settings.get(name))).read(Set.of(handlers)).handlers();
    }

    @Test
    void handlersGetTenSecondsAndNoFallbackByDefault() {
        HandlerPolicy policy = policies(Map.of(), "echo").policyFor("echo");
        assertEquals(Duration.ofSeconds(10), policy.timeout());
        assertEquals(Optional.empty(), policy.fallbackBlock());
        assertEquals(Optional.empty(), policy.invalidFormBlock());
    }

    @Test
    void aHandlerPolicyOverridesTheGlobalOneSettingBySetting() {
        HandlerPolicies policies = policies(Map.of(
                SettingsReader.HANDLER_TIMEOUT, "5",
                SettingsReader.FALLBACK_BLOCK, "60db2d02d19a13bc109c5bd4",
                "dialoghook.handlers.ticket.timeout", "PT30S",
                "dialoghook.handlers.order.v2.invalid-form-block", "AAAAAAAAAAAAAAAAAAAAAAAA"),
                "echo", "ticket", "order.v2");
        assertEquals(new HandlerPolicy(Duration.ofSeconds(5), Optional.of("60db2d02d19a13bc109c5bd4"), Optional.empty(),
                Optional.empty()),
                policies.policyFor("echo"));
        assertEquals(Duration.ofSeconds(30), policies.policyFor("ticket").timeout());
        assertEquals(Optional.of("60db2d02d19a13bc109c5bd4"), policies.policyFor("ticket").fallbackBlock());
        assertEquals(Optional.of("AAAAAAAAAAAAAAAAAAAAAAAA"), policies.policyFor("order.v2").invalidFormBlock(),
                "a handler name may hold dots");
        assertEquals(Duration.ofSeconds(5), policies.policyFor("order.v2").timeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {SettingsReader.FALLBACK_BLOCK, SettingsReader.INVALID_FORM_BLOCK,
        "dialoghook.handlers.echo.fallback-block"})
    void aFallbackThatIsNoBlockIdFailsNamingTheSetting(String name) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> policies(Map.of(name, "not-a-block"), "echo"));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("24 hexadecimal digits"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "soon", "PT2H", "-5"})
    void anUnusableTimeoutFailsNamingTheSetting(String value) {
        for (String name : List.of(SettingsReader.HANDLER_TIMEOUT, "dialoghook.handlers.echo.timeout")) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> policies(Map.of(name, value), "echo"));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void theHandlerOfAPerHandlerSettingIsReadFromTheEnd() {
        assertEquals(Optional.of("order.v2"), SettingsReader.handlerOfSetting("dialoghook.handlers.order.v2.timeout"));
        assertEquals(Optional.empty(), SettingsReader.handlerOfSetting("dialoghook.handlers.order.colour"));
        assertEquals(Optional.empty(), SettingsReader.handlerOfSetting("dialoghook.handler.timeout"));
    }

    // ---- body limits ----

    @Test
    void bodyLimitsHaveDefaultsAndAreRead() {
        assertEquals(BodyLimits.DEFAULTS, read(Map.of()).limits());
        assertEquals(new BodyLimits(8, 10, 100, 50, 40, 200), read(Map.of(SettingsReader.LIMIT_DEPTH, "8",
                SettingsReader.LIMIT_FORM_VALUES, "10", SettingsReader.LIMIT_STRING_LENGTH, "100",
                SettingsReader.LIMIT_HANDLER_NAME_LENGTH, "50", SettingsReader.LIMIT_NUMBER_LENGTH, "40",
                SettingsReader.LIMIT_MEMBERS, "200")).limits());
    }

    @ParameterizedTest
    @ValueSource(strings = {SettingsReader.LIMIT_DEPTH, SettingsReader.LIMIT_FORM_VALUES,
        SettingsReader.LIMIT_STRING_LENGTH, SettingsReader.LIMIT_HANDLER_NAME_LENGTH, SettingsReader.LIMIT_NUMBER_LENGTH,
        SettingsReader.LIMIT_MEMBERS})
    void anUnusableLimitFailsNamingTheSetting(String name) {
        failureFor(name, "0");
        failureFor(name, "many");
    }
}
