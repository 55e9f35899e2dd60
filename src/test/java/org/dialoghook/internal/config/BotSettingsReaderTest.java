package org.dialoghook.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Named bots, previous secrets, handler limits and capture mode, as the settings reader finds them. */
class BotSettingsReaderTest {

    /** Reads settings whose property names are the map's keys, as MicroProfile Config lists them. */
    private static ReceiverSettings read(Map<String, String> settings) {
        return new SettingsReader(name -> Optional.ofNullable(settings.get(name)), settings.keySet()).read();
    }

    private static ReceiverSettings read(Map<String, String> settings, Set<String> handlers) {
        return new SettingsReader(name -> Optional.ofNullable(settings.get(name)), settings.keySet()).read(handlers);
    }

    private static String failure(String setting, Map<String, String> settings) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(settings, Set.of("echo")));
        assertTrue(e.getMessage().startsWith("Setting '" + setting + "'"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void onlyTheDefaultBotWhenNoneIsNamed() {
        ReceiverSettings settings = read(Map.of("dialoghook.secret", "s"));
        assertEquals(List.of("default"), List.copyOf(settings.bots().keySet()));
        assertTrue(settings.defaultBot().isDefault());
        assertEquals(Optional.empty(), settings.defaultBot().previousSecret());
    }

    @Test
    void namedBotsAreFoundFromTheirSettingsWithTheirOwnSecrets() {
        ReceiverSettings settings = read(Map.of(
                "dialoghook.secret", "default-secret",
                "dialoghook.bots.sales.secret", "sales-secret",
                "dialoghook.bots.support.secret", "support-secret"));
        assertEquals(List.of("default", "sales", "support"), List.copyOf(settings.bots().keySet()));
        assertEquals(Secret.of("sales-secret"), settings.bot("sales").orElseThrow().secret().orElseThrow());
        assertEquals(Secret.of("support-secret"), settings.bot("support").orElseThrow().secret().orElseThrow());
        assertEquals("dialoghook.bots.sales.secret", settings.bot("sales").orElseThrow().settingName("secret"));
        assertEquals("dialoghook.secret", settings.defaultBot().settingName("secret"));
    }

    @Test
    void theBotListNamesBotsWhoseSettingsComeFromEnvironmentVariables() {
        // DIALOGHOOK_BOTS_SALES_SECRET is found by MicroProfile Config under the dotted name, but not listed so
        Map<String, String> values = Map.of("dialoghook.bots", "sales, support",
                "dialoghook.bots.sales.secret", "sales-secret");
        ReceiverSettings settings = new SettingsReader(name -> Optional.ofNullable(values.get(name)),
                List.of("DIALOGHOOK_BOTS", "DIALOGHOOK_BOTS_SALES_SECRET")).read();
        assertEquals(List.of("default", "sales", "support"), List.copyOf(settings.bots().keySet()));
        assertEquals(Secret.of("sales-secret"), settings.bot("sales").orElseThrow().secret().orElseThrow());
        assertEquals(Optional.empty(), settings.bot("support").orElseThrow().secret(), "known, but without a secret");
    }

    @Test
    void aBotsTokenSettingsDefaultToTheGlobalOnesOneByOne() {
        ReceiverSettings settings = read(Map.of(
                "dialoghook.jwt.algorithms", "HS384",
                "dialoghook.jwt.clock-skew", "10",
                "dialoghook.body-binding", "hash",
                "dialoghook.bots.sales.secret", "s",
                "dialoghook.bots.sales.jwt.clock-skew", "PT2M",
                "dialoghook.bots.sales.handler-field", "/meta/handler"));
        TokenSettings sales = settings.bot("sales").orElseThrow().token();
        assertEquals(Set.of("HS384"), sales.algorithms());
        assertEquals(Duration.ofMinutes(2), sales.clockSkew());
        assertEquals(BodyBindingMode.HASH, sales.bodyBinding());
        assertEquals(List.of("/meta/handler"), sales.handlerFields());
        assertEquals(Duration.ofSeconds(10), settings.defaultBot().token().clockSkew());
        assertEquals(List.of("/handler", "/handlerName", "/handler-name", "/handler_name"),
                settings.defaultBot().token().handlerFields());
    }

    @Test
    void everyTokenSettingCanBeSetPerBot() {
        ReceiverSettings settings = read(Map.of(
                "dialoghook.bots.b.secret", "s",
                "dialoghook.bots.b.jwt.algorithms", "HS512",
                "dialoghook.bots.b.jwt.max-age", "300",
                "dialoghook.bots.b.jwt.require-exp", "true",
                "dialoghook.bots.b.body-binding", "claims",
                "dialoghook.bots.b.body-hash-claim", "bh"));
        TokenSettings b = settings.bot("b").orElseThrow().token();
        assertEquals(Set.of("HS512"), b.algorithms());
        assertEquals(Optional.of(Duration.ofMinutes(5)), b.maxAge());
        assertTrue(b.requireExp());
        assertEquals(BodyBindingMode.CLAIMS, b.bodyBinding());
        assertEquals("bh", b.bodyHashClaim());
        assertEquals(SettingsReaderDefaults.TOKEN, settings.defaultBot().token());
    }

    @Test
    void previousSecretsAreReadBesideTheSecrets() {
        ReceiverSettings settings = read(Map.of(
                "dialoghook.secret", "new", "dialoghook.previous-secret", "old",
                "dialoghook.bots.sales.secret", "new-sales", "dialoghook.bots.sales.previous-secret", "old-sales"));
        assertEquals(Secret.of("old"), settings.defaultBot().previousSecret().orElseThrow());
        assertEquals(Secret.of("old-sales"), settings.bot("sales").orElseThrow().previousSecret().orElseThrow());
    }

    @Test
    void aPreviousSecretWithoutASecretFailsNamingIt() {
        failure("dialoghook.previous-secret", Map.of("dialoghook.previous-secret", "old"));
        failure("dialoghook.bots.sales.previous-secret", Map.of("dialoghook.bots.sales.previous-secret", "old"));
    }

    @Test
    void aBadPerBotValueFailsNamingThePerBotSetting() {
        failure("dialoghook.bots.sales.jwt.algorithms", Map.of("dialoghook.bots.sales.secret", "s",
                "dialoghook.bots.sales.jwt.algorithms", "RS256"));
        failure("dialoghook.bots.sales.jwt.max-age", Map.of("dialoghook.bots.sales.jwt.max-age", "0"));
    }

    @ParameterizedTest
    @CsvSource({
        "dialoghook.bots.sales.secrets, not a setting a bot takes",
        "dialoghook.bots.sales.max-body-bytes, not a setting a bot takes",
        "dialoghook.bots.default.secret, configured with dialoghook.secret",
        "dialoghook.bots.sa.les.secret, is not a bot name",
        "dialoghook.bots.-x.secret, is not a bot name",
    })
    void aBadBotSettingNameFailsNamingIt(String setting, String problem) {
        assertTrue(failure(setting, Map.of(setting, "s")).contains(problem));
    }

    @Test
    void aBadNameInTheBotListFails() {
        failure("dialoghook.bots", Map.of("dialoghook.bots", "sales,def ault"));
    }

    @Test
    void aHandlerMayBeLimitedToSomeBots() {
        ReceiverSettings settings = read(Map.of(
                "dialoghook.bots.sales.secret", "s",
                "dialoghook.bots.support.secret", "t",
                "dialoghook.handlers.echo.bots", "sales, default"), Set.of("echo", "ticket"));
        assertEquals(Optional.of(Set.of("sales", "default")), settings.handlers().policyFor("echo").bots());
        assertEquals(Optional.empty(), settings.handlers().policyFor("ticket").bots(), "serves every bot");
        assertTrue(settings.handlers().policyFor("echo").serves("sales"));
        assertFalse(settings.handlers().policyFor("echo").serves("support"));
    }

    @Test
    void aHandlerLimitIsLookedUpForEachRegisteredHandler() {
        // as an environment variable (DIALOGHOOK_HANDLERS_TICKET_BOTS) it is not listed under its dotted name
        Map<String, String> values = Map.of("dialoghook.bots.sales.secret", "s", "dialoghook.handlers.ticket.bots", "sales");
        ReceiverSettings settings = new SettingsReader(name -> Optional.ofNullable(values.get(name)),
                List.of("dialoghook.bots.sales.secret", "DIALOGHOOK_HANDLERS_TICKET_BOTS")).read(Set.of("ticket"));
        assertEquals(Optional.of(Set.of("sales")), settings.handlers().policyFor("ticket").bots());
    }

    @Test
    void aHandlerLimitForAnUnregisteredHandlerFails() {
        assertTrue(failure("dialoghook.handlers.ehco.bots", Map.of("dialoghook.handlers.ehco.bots", "default"))
                .contains("[echo]"));
    }

    @Test
    void aHandlerLimitNamingAnUnconfiguredBotFails() {
        assertTrue(failure("dialoghook.handlers.echo.bots", Map.of("dialoghook.handlers.echo.bots", "sales"))
                .contains("'sales' is not a configured bot"));
    }

    @Test
    void anEmptyHandlerLimitFails() {
        failure("dialoghook.handlers.echo.bots", Map.of("dialoghook.handlers.echo.bots", " , "));
    }

    @ParameterizedTest
    @CsvSource({"off, OFF", "shape, SHAPE", "FULL, FULL", "' Shape ', SHAPE"})
    void captureModeIsRead(String text, CaptureMode expected) {
        assertEquals(expected, read(Map.of("dialoghook.capture", text)).capture());
    }

    @Test
    void captureIsOffByDefault() {
        assertEquals(CaptureMode.OFF, read(Map.of()).capture());
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "true", "values", "all"})
    void anUnknownCaptureModeFails(String value) {
        failure("dialoghook.capture", Map.of("dialoghook.capture", value));
    }

    @Test
    void noSecretShowsInTheSettingsText() {
        ReceiverSettings settings = read(Map.of("dialoghook.secret", "top-secret-value-1",
                "dialoghook.previous-secret", "top-secret-value-2", "dialoghook.bots.b.secret", "top-secret-value-3"));
        assertFalse(settings.toString().contains("top-secret"), settings.toString());
    }
}
