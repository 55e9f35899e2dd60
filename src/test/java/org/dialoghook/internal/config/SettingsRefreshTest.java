package org.dialoghook.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.dialoghook.internal.LogCapture;
import org.dialoghook.internal.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings changed while the application runs: a usable change replaces the snapshot whole, a bad one leaves the
 * last good snapshot in force and is reported once, its fix is applied, and deployment-only settings wait for a
 * reload. The config sources are a map the test changes, as an operator changes the server's.
 */
class SettingsRefreshTest {

    private static final String OLD = "the-old-secret-of-the-default-bot-0123456789";
    private static final String NEW = "the-new-secret-of-the-default-bot-9876543210";

    private final Map<String, String> server = new TreeMap<>();
    private final MovableClock clock = new MovableClock();
    private LogCapture log;
    private LiveSettings live;
    private SettingsRefresh refresh;

    @BeforeEach
    void deploy() {
        log = LogCapture.of(SettingsRefresh.class);
        server.put("dialoghook.secret", OLD);
        server.put("dialoghook.handler.timeout", "10");
        ReceiverSettings deployed = reader().read(Set.of("echo"));
        live = new LiveSettings(deployed);
        refresh = new SettingsRefresh(deployed, Set.of("echo"), name -> Optional.ofNullable(server.get(name)),
                () -> Set.copyOf(server.keySet()), live, clock);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    private SettingsReader reader() {
        return new SettingsReader(name -> Optional.ofNullable(server.get(name)), server.keySet());
    }

    private List<String> lines(String id) {
        return log.records().stream().map(LogRecord::getMessage).filter(message -> message.startsWith(id)).toList();
    }

    private static String text(LogRecord record) {
        return new java.text.MessageFormat(record.getMessage()).format(record.getParameters());
    }

    @Test
    void nothingChangedLeavesTheSnapshotAndLogsNothing() {
        ReceiverSettings before = live.current();
        refresh.run();
        refresh.run();
        assertSame(before, live.current());
        assertEquals(List.of(), log.records());
    }

    @Test
    void aRotationReplacesTheSnapshotWholeAndNamesTheSettingsNeverTheirValues() {
        ReceiverSettings before = live.current();
        server.put("dialoghook.previous-secret", OLD);
        server.put("dialoghook.secret", NEW);
        refresh.run();
        ReceiverSettings after = live.current();
        assertNotSame(before, after);
        assertEquals(Secret.of(NEW), after.defaultBot().secret().orElseThrow());
        assertEquals(Secret.of(OLD), after.defaultBot().previousSecret().orElseThrow());
        assertEquals(Secret.of(OLD), before.defaultBot().secret().orElseThrow(), "a snapshot never changes");
        LogRecord changed = log.records().stream().filter(r -> r.getMessage().startsWith("DH-0120")).findFirst()
                .orElseThrow();
        assertEquals("DH-0120 settings changed: [dialoghook.previous-secret, dialoghook.secret]; in force for every "
                + "delivery from now on", text(changed));
        for (LogRecord record : log.records()) {
            assertFalse(text(record).contains(OLD) || text(record).contains(NEW), "no secret in the log");
        }
    }

    @Test
    void aBadValueKeepsTheLastGoodSettingsIsReportedOnceAndItsFixIsApplied() {
        ReceiverSettings before = live.current();
        server.put("dialoghook.handler.timeout", "banana");
        refresh.run();
        refresh.run();
        assertSame(before, live.current());
        List<LogRecord> refused = log.records().stream().filter(r -> r.getMessage().startsWith("DH-0121")).toList();
        assertEquals(1, refused.size(), "reported once, not on every read");
        assertEquals(Level.WARNING, refused.get(0).getLevel());
        assertTrue(text(refused.get(0)).contains("dialoghook.handler.timeout") && text(refused.get(0)).contains(
                "whole seconds (60) or ISO-8601 (PT1M)"), text(refused.get(0)));
        assertTrue(live.refusedChange().orElseThrow().contains("dialoghook.handler.timeout"));

        server.put("dialoghook.handler.timeout", "PT20S");
        refresh.run();
        assertEquals(Duration.ofSeconds(20), live.current().handlers().defaults().timeout());
        assertEquals(Optional.empty(), live.refusedChange());
        assertEquals(1, lines("DH-0120").size());
    }

    @Test
    void aBadValueTakenBackClearsTheRefusal() {
        server.put("dialoghook.fallback-block", "not-a-block");
        refresh.run();
        assertTrue(live.refusedChange().isPresent());
        server.remove("dialoghook.fallback-block");
        refresh.run();
        assertEquals(Optional.empty(), live.refusedChange());
        assertEquals(1, lines("DH-0120 settings changed back").size());
    }

    @Test
    void aBotLeftWithoutItsSecretIsRefusedAndABotRemovedWhollyIsRemoved() {
        server.put("dialoghook.bots.sales.secret", "the-sales-secret-0123456789abcdef0123");
        server.put("dialoghook.bots.sales.jwt.clock-skew", "30");
        refresh.run();
        assertTrue(live.current().bot("sales").isPresent(), "a bot added live");

        server.put("dialoghook.bots.sales.secret", " ");
        refresh.run();
        assertTrue(live.current().bot("sales").orElseThrow().secret().isPresent(), "the bot keeps its secret");
        assertTrue(live.refusedChange().orElseThrow().startsWith("Setting 'dialoghook.bots.sales.secret'"));

        server.remove("dialoghook.bots.sales.secret");
        server.remove("dialoghook.bots.sales.jwt.clock-skew");
        refresh.run();
        assertFalse(live.current().bot("sales").isPresent(), "a bot whose every setting is gone is gone");
        assertEquals(Optional.empty(), live.refusedChange());
    }

    @Test
    void theDefaultBotsSecretGoneIsRefused() {
        server.remove("dialoghook.secret");
        refresh.run();
        assertEquals(Secret.of(OLD), live.current().defaultBot().secret().orElseThrow());
        assertEquals(1, lines("DH-0121").size());
    }

    @Test
    void aDeploymentOnlySettingWaitsForAReloadAndIsReportedOnce() {
        ReceiverSettings before = live.current();
        server.put("dialoghook.replay.store", "memory");
        server.put("dialoghook.settings.refresh", "30");
        server.put("dialoghook.dev-console", "true");
        server.put("dialoghook.replay.grid-batching", "false");
        refresh.run();
        refresh.run();
        assertSame(before, live.current(), "nothing that can change live changed");
        List<LogRecord> reload = log.records().stream().filter(r -> r.getMessage().startsWith("DH-0122")).toList();
        assertEquals(List.of("dialoghook.replay.store", "dialoghook.replay.grid-batching", "dialoghook.settings.refresh",
                "dialoghook.dev-console"), reload.stream().map(r -> (String) r.getParameters()[0]).toList());

        server.put("dialoghook.capture", "shape");
        refresh.run();
        assertEquals(CaptureMode.SHAPE, live.current().capture());
        assertTrue(live.current().replay().useSharedStore(), "the store chosen at deployment stays");
        assertTrue(live.current().replay().gridBatching(), "so does the grid's batching");
        assertEquals(Duration.ofSeconds(5), live.current().refresh());
        assertEquals(List.of("DH-0120 settings changed: [dialoghook.capture]; in force for every delivery from now "
                + "on"), log.records().stream().filter(r -> r.getMessage().startsWith("DH-0120")).map(
                        SettingsRefreshTest::text).toList());
        assertEquals(4, lines("DH-0122").size(), "not reported again");
    }

    @Test
    void aPreviousSecretsEndIsReadAndReportedOnceWhenItPasses() {
        server.put("dialoghook.previous-secret", OLD);
        Instant end = clock.instant().plus(Duration.ofMinutes(10));
        server.put("dialoghook.previous-secret.expires", end.toString());
        server.put("dialoghook.secret", NEW);
        refresh.run();
        assertEquals(Optional.of(end), live.current().defaultBot().previousSecretExpires());
        assertEquals(List.of(), lines("DH-0111"));
        clock.advance(Duration.ofMinutes(10));
        refresh.run();
        refresh.run();
        assertEquals(1, lines("DH-0111").size());
    }

    @Test
    void aPreviousSecretAndItsEndAreRemovedInEitherOrderWithoutARefusal() {
        server.put("dialoghook.previous-secret", OLD);
        server.put("dialoghook.previous-secret.expires", clock.instant().plus(Duration.ofHours(2)).toString());
        server.put("dialoghook.secret", NEW);
        refresh.run();
        server.remove("dialoghook.previous-secret");
        refresh.run();
        assertEquals(Optional.empty(), live.current().defaultBot().previousSecret());
        assertEquals(Optional.empty(), live.current().defaultBot().previousSecretExpires(), "an end alone ends nothing");
        server.remove("dialoghook.previous-secret.expires");
        refresh.run();
        assertEquals(List.of(), lines("DH-0121"));
        assertEquals(Optional.empty(), live.refusedChange());
    }

    @Test
    void anEndWithoutAnOffsetIsRefused() {
        server.put("dialoghook.previous-secret", OLD);
        server.put("dialoghook.previous-secret.expires", "2026-12-07T12:10:00");
        refresh.run();
        assertTrue(live.refusedChange().orElseThrow().contains("is not a date and time with its offset"));
        assertEquals(Optional.empty(), live.current().defaultBot().previousSecret());
    }
}
