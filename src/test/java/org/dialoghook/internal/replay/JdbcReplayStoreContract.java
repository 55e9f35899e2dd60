package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dialoghook.internal.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcReplayStore} does, on a real database: each subclass runs these tests on one (PostgreSQL, H2).
 * Every test has a table of its own. Waits on other threads are bounded: no test can hang the build.
 */
abstract class JdbcReplayStoreContract {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration LONG_WAIT = Duration.ofSeconds(20);
    static final StoredReply REPLY = new StoredReply(200, "application/json",
            "{\"blocks\":[{\"type\":\"text\",\"text\":\"done\"}]}".getBytes(StandardCharsets.UTF_8));

    private static final AtomicInteger TABLES = new AtomicInteger();

    final MovableClock clock = new MovableClock();
    final ExecutorService copies = Executors.newFixedThreadPool(2);
    final List<Connection> open = new ArrayList<>();
    String table;
    JdbcReplayStore store;

    /** The database under test. */
    abstract DataSource dataSource();

    /** {@code server-config/sql/dialoghook-replays-<this>.sql}. */
    abstract String ddlName();

    /** How many sessions of the database wait for another's lock right now. */
    abstract int sessionsWaitingOnALock(Connection connection) throws SQLException;

    /** The connection's own lock wait setting, as the database spells it. */
    abstract String lockWaitSetting(Connection connection) throws SQLException;

    @BeforeEach
    void openStore() {
        table = "replays_" + TABLES.incrementAndGet();
        store = JdbcReplayStore.open(dataSource(), clock, table, true);
    }

    @AfterEach
    void closeConnections() throws SQLException, InterruptedException {
        copies.shutdownNow();
        for (Connection connection : open) {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        }
        assertTrue(copies.awaitTermination(30, TimeUnit.SECONDS), "a copy's thread did not end");
    }

    @Test
    void aNewDeliveryIsClaimedFirstAndItsRowCommitted() throws SQLException {
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
        assertEquals(JdbcReplayStore.RUNNING, state("k"));
        assertEquals(clock.millis() + WINDOW.toMillis(), column("k", "expires_at"));
        assertEquals(clock.millis(), column("k", "created_at"));
    }

    @Test
    void aRedeliveryGetsTheStoredReply() throws SQLException {
        store.claim("k", WINDOW, Duration.ZERO);
        assertTrue(store.complete("k", REPLY, WINDOW));
        assertEquals(JdbcReplayStore.DONE, state("k"));
        ReplayStore.Claim again = store.claim("k", WINDOW, Duration.ZERO);
        assertReply(REPLY, again);
        assertTrue(again.seenBefore());
    }

    @Test
    void aProblemReplyIsStoredWithItsStatusAndMediaType() {
        StoredReply problem = new StoredReply(504, "application/problem+json",
                "{\"status\":504,\"errorId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8));
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", problem, WINDOW);
        assertReply(problem, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aCopyWaitsOnTheRowLockOfARunInATransactionThenGetsItsReply() throws Exception {
        Connection first = transaction();
        assertEquals(ReplayStore.Claim.FIRST, store.claim(first, "k", WINDOW, Duration.ZERO));
        Future<ReplayStore.Claim> copy = copies.submit(() -> store.claim("k", WINDOW, LONG_WAIT));
        awaitSessionWaitingOnALock();
        assertFalse(copy.isDone());
        store.complete(first, "k", REPLY, WINDOW);
        assertFalse(copy.isDone(), "the reply is not seen before the first run's transaction commits");
        first.commit();
        ReplayStore.Claim got = copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertReply(REPLY, got);
    }

    @Test
    void aCopyInATransactionWaitsOnARunInATransaction() throws Exception {
        Connection first = transaction();
        Connection second = transaction();
        store.claim(first, "k", WINDOW, Duration.ZERO);
        Future<ReplayStore.Claim> copy = copies.submit(() -> store.claim(second, "k", WINDOW, LONG_WAIT));
        awaitSessionWaitingOnALock();
        store.complete(first, "k", REPLY, WINDOW);
        first.commit();
        assertReply(REPLY, copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS));
        second.commit();
    }

    @Test
    void aCopyWaitingOnATransactionThatRollsBackRunsTheDeliveryItself() throws Exception {
        Connection first = transaction();
        store.claim(first, "k", WINDOW, Duration.ZERO);
        Future<ReplayStore.Claim> copy = copies.submit(() -> store.claim("k", WINDOW, LONG_WAIT));
        awaitSessionWaitingOnALock();
        first.rollback();
        assertEquals(ReplayStore.Claim.FIRST, copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS),
                "the first run's claim row went with its transaction");
        assertEquals(JdbcReplayStore.RUNNING, state("k"), "the copy's own claim");
    }

    @Test
    void aCopyWaitingOnATransactionWhoseConnectionDiesRunsTheDeliveryItself() throws Exception {
        Connection first = transaction();
        store.claim(first, "k", WINDOW, Duration.ZERO);
        Future<ReplayStore.Claim> copy = copies.submit(() -> store.claim("k", WINDOW, LONG_WAIT));
        awaitSessionWaitingOnALock();
        first.close();
        assertEquals(ReplayStore.Claim.FIRST, copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aCopyIsRefusedWhenTheRunInATransactionOutlastsItsWait() throws Exception {
        Connection first = transaction();
        store.claim(first, "k", WINDOW, Duration.ZERO);
        long start = System.nanoTime();
        Future<?> copy = copies.submit(() -> store.claim("k", WINDOW, Duration.ofMillis(300)));
        Throwable thrown = assertThrows(Exception.class, () -> copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(thrown.getCause() instanceof ReplayInProgressException, String.valueOf(thrown));
        assertTrue(waited >= 250 && waited < 10_000, "waited " + waited + " ms");
        store.complete(first, "k", REPLY, WINDOW);
        first.commit();
        assertReply(REPLY, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aCopyInATransactionRefusedOnTheRowLockIsRolledBackAndTheConnectionServesOn() throws Exception {
        Connection first = transaction();
        Connection copy = transaction();
        store.claim(first, "k", WINDOW, Duration.ZERO);
        assertThrows(ReplayInProgressException.class, () -> store.claim(copy, "k", WINDOW, Duration.ofMillis(200)));
        // on PostgreSQL the lock wait that ran out aborted the copy's transaction: the caller rolls it back
        copy.rollback();
        store.complete(first, "k", REPLY, WINDOW);
        first.commit();
        assertReply(REPLY, store.claim(copy, "k", WINDOW, Duration.ZERO));
        copy.commit();
    }

    @Test
    void aCopyOfAClaimCommittedOnItsOwnWaitsForTheReply() throws Exception {
        store.claim("k", WINDOW, Duration.ZERO);
        Future<ReplayStore.Claim> copy = copies.submit(() -> store.claim("k", WINDOW, LONG_WAIT));
        Thread.sleep(200);
        assertFalse(copy.isDone());
        store.complete("k", REPLY, WINDOW);
        assertReply(REPLY, copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aCopyOfAClaimCommittedOnItsOwnIsRefusedAfterItsWait() {
        store.claim("k", WINDOW, Duration.ZERO);
        assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ZERO));
        long start = System.nanoTime();
        assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ofMillis(200)));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 150);
    }

    @Test
    void aRunWhoseTransactionRollsBackLeavesNoRecord() throws SQLException {
        Connection first = transaction();
        store.claim(first, "k", WINDOW, Duration.ZERO);
        store.complete(first, "k", REPLY, WINDOW);
        first.rollback();
        assertNull(state("k"));
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO), "a copy runs again, as new");
    }

    @Test
    void aClaimInATransactionNeitherCommitsNorKeepsItsLockWait() throws SQLException {
        Connection first = transaction();
        String before = lockWaitSetting(first);
        store.claim(first, "k", WINDOW, Duration.ofMillis(1234));
        assertEquals(before, lockWaitSetting(first), "the handler's statements wait as the server says");
        assertNull(state("k"), "nothing committed yet");
        store.complete(first, "k", REPLY, WINDOW);
        assertEquals(before, lockWaitSetting(first));
        assertNull(state("k"), "nothing committed yet");
        first.commit();
        assertEquals(JdbcReplayStore.DONE, state("k"));
    }

    @Test
    void aClaimInATransactionRefusedAfterPollingLeavesTheTransactionAsItWas() throws Exception {
        store.claim("k", WINDOW, Duration.ZERO);
        Connection copy = transaction();
        String before = lockWaitSetting(copy);
        assertThrows(ReplayInProgressException.class, () -> store.claim(copy, "k", WINDOW, Duration.ZERO));
        // a committed claim is waited on by reading, which fails nothing: the transaction goes on as it was
        assertEquals(before, lockWaitSetting(copy));
        copy.rollback();
    }

    @Test
    void aReleasedClaimIsClaimedAgainAsNew() throws SQLException {
        store.claim("k", WINDOW, Duration.ZERO);
        store.release("k");
        assertNull(state("k"));
        assertEquals(ReplayStore.Claim.FIRST, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void releaseKeepsAReply() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        store.release("k");
        assertReply(REPLY, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aReplyIsAnsweredUntilItsWindowEndsThenTheCopyIsARepeat() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        clock.advance(WINDOW.minusMillis(1));
        assertReply(REPLY, store.claim("k", WINDOW, Duration.ZERO));
        clock.advance(Duration.ofMillis(1));
        assertEquals(ReplayStore.Claim.REPEAT, store.claim("k", WINDOW, Duration.ZERO));
        StoredReply second = new StoredReply(200, "application/json", "{\"blocks\":[]}".getBytes(StandardCharsets.UTF_8));
        store.complete("k", second, WINDOW);
        assertReply(second, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aClaimWhoseRunNeverEndedIsTakenOverAfterItsWindow() {
        store.claim("k", WINDOW, Duration.ZERO);
        clock.advance(WINDOW.plusSeconds(1));
        assertEquals(ReplayStore.Claim.REPEAT, store.claim("k", WINDOW, Duration.ZERO));
        assertThrows(ReplayInProgressException.class, () -> store.claim("k", WINDOW, Duration.ZERO),
                "the new claim holds for a new window");
    }

    @Test
    void anExpiredRecordTakenOverInATransactionIsWaitedOnAndComesBackWhenItRollsBack() throws Exception {
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        clock.advance(WINDOW.plusSeconds(1));
        Connection first = transaction();
        assertEquals(ReplayStore.Claim.REPEAT, store.claim(first, "k", WINDOW, Duration.ZERO));
        Future<ReplayStore.Claim> copy = copies.submit(() -> store.claim("k", WINDOW, LONG_WAIT));
        awaitSessionWaitingOnALock();
        first.rollback();
        assertEquals(ReplayStore.Claim.REPEAT, copy.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS),
                "the expired record was back, and the copy took it over");
    }

    @Test
    void copiesSentAtOnceRunTheHandlersWorkOnceInItsTransaction() throws Exception {
        String tickets = table + "_tickets";
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + tickets + " (id INTEGER NOT NULL PRIMARY KEY, delivery VARCHAR(40))");
        }
        AtomicInteger ids = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        int copiesSent = 6;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(copiesSent);
        try {
            List<Future<StoredReply>> answers = new ArrayList<>();
            for (int i = 0; i < copiesSent; i++) {
                answers.add(senders.submit(() -> {
                    go.await();
                    // one delivery's way through the receiver with its handler in one transaction; the first run
                    // to get the claim fails after its work (its transaction rolls back), as a member that dies would
                    try (Connection connection = dataSource().getConnection()) {
                        connection.setAutoCommit(false);
                        try {
                            ReplayStore.Claim claim = store.claim(connection, "d-1", WINDOW, LONG_WAIT);
                            if (claim.earlierReply().isPresent()) {
                                connection.rollback();
                                return claim.earlierReply().get();
                            }
                            try (PreparedStatement work = connection.prepareStatement(
                                    "INSERT INTO " + tickets + " (id, delivery) VALUES (?, 'd-1')")) {
                                work.setInt(1, ids.incrementAndGet());
                                work.executeUpdate();
                            }
                            Thread.sleep(50);
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("the handler failed after its work");
                            }
                            StoredReply reply = new StoredReply(200, "application/json",
                                    ("{\"ticket\":" + ids.get() + "}").getBytes(StandardCharsets.UTF_8));
                            store.complete(connection, "d-1", reply, WINDOW);
                            connection.commit();
                            return reply;
                        } catch (RuntimeException | SQLException e) {
                            connection.rollback();
                            return null;
                        }
                    }
                }));
            }
            go.countDown();
            List<StoredReply> replies = new ArrayList<>();
            for (Future<StoredReply> answer : answers) {
                StoredReply reply = answer.get(60, TimeUnit.SECONDS);
                if (reply != null) {
                    replies.add(reply);
                }
            }
            assertEquals(copiesSent - 1, replies.size(), "every copy but the failed run's is answered");
            for (StoredReply reply : replies) {
                assertArrayEquals(replies.get(0).body(), reply.body(), "every answer the same");
            }
        } finally {
            senders.shutdownNow();
            assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));
        }
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + tickets)) {
            count.next();
            assertEquals(1, count.getInt(1), "one ticket: the failed run's went with its transaction");
        }
    }

    @Test
    void recordsPastTheirWindowAreRemovedInBatches() throws SQLException {
        Connection claims = transaction();
        // as claims with a one-minute window write them, in one batch
        try (PreparedStatement insert = claims.prepareStatement("INSERT INTO " + table
                + " (replay_key, state, expires_at, created_at) VALUES (?, 'running', ?, ?)")) {
            for (int i = 0; i < 1234; i++) {
                insert.setString(1, "old-" + i);
                insert.setLong(2, clock.millis() + Duration.ofMinutes(1).toMillis());
                insert.setLong(3, clock.millis());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        for (int i = 0; i < 34; i++) {
            store.claim(claims, "new-" + i, WINDOW, Duration.ZERO);
            store.complete(claims, "new-" + i, REPLY, WINDOW);
        }
        claims.commit();
        assertThrows(ReplayInProgressException.class, () -> store.claim("old-7", WINDOW, Duration.ZERO),
                "a claim to the store");
        assertEquals(0, store.removeExpired(), "none has expired yet");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(JdbcReplayStore.CLEAN_UP_BATCH, store.removeExpired());
        assertEquals(JdbcReplayStore.CLEAN_UP_BATCH, store.removeExpired());
        assertEquals(234, store.removeExpired());
        assertEquals(0, store.removeExpired());
        assertEquals(34, rows());
        assertReply(REPLY, store.claim("new-7", WINDOW, Duration.ZERO));
        assertEquals(ReplayStore.Claim.FIRST, store.claim("old-7", WINDOW, Duration.ZERO));
    }

    @Test
    void theCleanUpPassesOverARecordThatACopyTookOverInItsTransaction() throws Exception {
        for (String key : List.of("k", "other")) {
            store.claim(key, WINDOW, Duration.ZERO);
            store.complete(key, REPLY, WINDOW);
        }
        clock.advance(WINDOW.plusSeconds(1));
        Connection first = transaction();
        assertEquals(ReplayStore.Claim.REPEAT, store.claim(first, "k", WINDOW, Duration.ZERO));
        long start = System.nanoTime();
        assertEquals(1, store.removeExpired(), "the other expired record, without waiting for the copy's");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1500, "it did not wait");
        StoredReply second = new StoredReply(200, "application/json", "{\"blocks\":[]}".getBytes(StandardCharsets.UTF_8));
        store.complete(first, "k", second, WINDOW);
        first.commit();
        assertEquals(0, store.removeExpired(), "the copy's record is in its new window");
        assertReply(second, store.claim("k", WINDOW, Duration.ZERO));
        assertEquals(ReplayStore.Claim.FIRST, store.claim("other", WINDOW, Duration.ZERO));
    }

    @Test
    void aReplyOfOneMebibyteIsKeptWhole() {
        byte[] body = new byte[1 << 20];
        new Random(21).nextBytes(body);
        StoredReply large = new StoredReply(200, "application/json", body);
        store.claim("k", WINDOW, Duration.ZERO);
        assertTrue(store.complete("k", large, WINDOW));
        assertReply(large, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void anEmptyReplyBodyIsAReply() {
        StoredReply empty = new StoredReply(204, "application/json", new byte[0]);
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", empty, WINDOW);
        assertReply(empty, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aReplyWhoseClaimRowWentIsKeptAllTheSame() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.release("k");
        assertTrue(store.complete("k", REPLY, WINDOW));
        assertReply(REPLY, store.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void keysLongerThanTheColumnAreKeptByTheirDigest() {
        String longKey = "bot|" + "j".repeat(400) + "|digest-a";
        String otherLongKey = "bot|" + "j".repeat(400) + "|digest-b";
        assertEquals(ReplayStore.Claim.FIRST, store.claim(longKey, WINDOW, Duration.ZERO));
        store.complete(longKey, REPLY, WINDOW);
        assertReply(REPLY, store.claim(longKey, WINDOW, Duration.ZERO));
        assertEquals(ReplayStore.Claim.FIRST, store.claim(otherLongKey, WINDOW, Duration.ZERO));
        assertTrue(JdbcReplayStore.rowKey(longKey).length() <= JdbcReplayStore.MAX_KEY_LENGTH);
        String realistic = "a".repeat(64) + '|' + "J".repeat(128) + '|' + "d".repeat(43);
        assertEquals(realistic, JdbcReplayStore.rowKey(realistic), "the longest key a delivery makes is kept as it is");
    }

    @Test
    void theDdlFileCreatesTheTableTheStoreCreates() throws IOException, SQLException {
        Path file = Path.of("server-config", "sql", "dialoghook-replays-" + ddlName() + ".sql");
        List<String> statements = statementsOf(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(store.createStatements().stream()
                .map(s -> s.replace(table, JdbcReplayStore.DEFAULT_TABLE)).map(JdbcReplayStoreContract::normalized)
                .toList(), statements.stream().map(JdbcReplayStoreContract::normalized).toList());
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        JdbcReplayStore onDdl = JdbcReplayStore.open(dataSource(), clock, JdbcReplayStore.DEFAULT_TABLE, false);
        String key = "ddl-" + table;
        onDdl.claim(key, WINDOW, Duration.ZERO);
        onDdl.complete(key, REPLY, WINDOW);
        assertReply(REPLY, onDdl.claim(key, WINDOW, Duration.ZERO));
    }

    @Test
    void openingAgainKeepsTheRecords() {
        store.claim("k", WINDOW, Duration.ZERO);
        store.complete("k", REPLY, WINDOW);
        JdbcReplayStore again = JdbcReplayStore.open(dataSource(), clock, table, true);
        assertReply(REPLY, again.claim("k", WINDOW, Duration.ZERO));
    }

    @Test
    void aMissingTableIsReportedWhenTheStoreMayNotCreateIt() {
        ReplayStoreFailedException e = assertThrows(ReplayStoreFailedException.class,
                () -> JdbcReplayStore.open(dataSource(), clock, table + "_missing", false));
        assertTrue(e.getMessage().contains(table + "_missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcReplayStore.open(dataSource(), clock, "x; DROP TABLE y", true));
    }

    @Test
    void describesItselfAndLosesNothingEarly() {
        assertTrue(store.describe().contains(table), store.describe());
        assertEquals(0, store.leftEarly());
    }

    /** A connection in a transaction of the test's own, as a JTA transaction would hand it out; closed after the test. */
    Connection transaction() throws SQLException {
        Connection connection = dataSource().getConnection();
        connection.setAutoCommit(false);
        open.add(connection);
        return connection;
    }

    static void assertReply(StoredReply expected, ReplayStore.Claim claim) {
        StoredReply got = claim.earlierReply().orElseThrow(() -> new AssertionError("no reply: " + claim));
        assertEquals(expected.status(), got.status());
        assertEquals(expected.mediaType(), got.mediaType());
        assertArrayEquals(expected.body(), got.body());
        assertTrue(claim.seenBefore());
    }

    private void awaitSessionWaitingOnALock() throws SQLException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection look = dataSource().getConnection()) {
            while (System.nanoTime() < end) {
                if (sessionsWaitingOnALock(look) > 0) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        fail("no session waits on a lock");
    }

    private String state(String key) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT state FROM " + table + " WHERE replay_key = ?")) {
            read.setString(1, key);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private long column(String key, String column) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement read = connection.prepareStatement(
                        "SELECT " + column + " FROM " + table + " WHERE replay_key = ?")) {
            read.setString(1, key);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next());
                return row.getLong(1);
            }
        }
    }

    private long rows() throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    private static List<String> statementsOf(String sql) {
        StringBuilder text = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            text.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        return Arrays.stream(text.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String normalized(String statement) {
        return statement.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").strip();
    }
}
