package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.dialoghook.internal.MovableClock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay table's clean-up on H2: it deletes every record past its window in batches, keeps the others, stops
 * after its most batches a run, and says once that it fails and once that it works again.
 */
class JdbcReplayCleanUpTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final MovableClock clock = new MovableClock();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(JdbcReplayCleanUp.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private JdbcDataSource database;
    private JdbcReplayStore store;

    @BeforeEach
    void openStore() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:clean-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcReplayStore.open(database, clock);
        log.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        log.removeHandler(capture);
    }

    private void deliver(int count, String prefix) {
        for (int i = 0; i < count; i++) {
            String key = "default|" + prefix + i + "|digest";
            store.claim(key, WINDOW, Duration.ZERO);
            store.complete(key, new StoredReply(200, "application/json", "{}".getBytes()), WINDOW);
        }
    }

    private int rows() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM dialoghook_replays")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Test
    void recordsPastTheirWindowAreDeletedInBatchesAndTheOthersStay() throws SQLException {
        deliver(JdbcReplayStore.CLEAN_UP_BATCH * 2 + 7, "old-");
        clock.advance(WINDOW.plusSeconds(1));
        deliver(3, "new-");

        new JdbcReplayCleanUp(store).run();

        assertEquals(3, rows(), "three batches took every expired record; the fresh ones stay");
    }

    @Test
    void oneRunStopsAfterItsMostBatchesAndTheNextTakesTheRest() throws SQLException {
        int expired = JdbcReplayStore.CLEAN_UP_BATCH * 4;
        deliverInOneStatement(expired);
        clock.advance(WINDOW.plusSeconds(1));

        JdbcReplayCleanUp cleanUp = new JdbcReplayCleanUp(store, 3);
        cleanUp.run();
        assertEquals(JdbcReplayStore.CLEAN_UP_BATCH, rows(), () -> "one batch is left for the next run: " + logged);
        cleanUp.run();
        assertEquals(0, rows());
    }

    /** Many expired records at once, written as the store writes them. */
    private void deliverInOneStatement(int count) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO dialoghook_replays (replay_key, state, expires_at, created_at) "
                    + "SELECT 'default|bulk-' || X || '|digest', 'done', " + (clock.millis() + WINDOW.toMillis()) + ", "
                    + clock.millis() + " FROM SYSTEM_RANGE(1, " + count + ")");
        }
    }

    @Test
    void aFailingCleanUpSaysSoOnceAndThatItWorksAgainOnce() throws SQLException {
        deliver(2, "d-");
        clock.advance(WINDOW.plusSeconds(1));
        JdbcReplayCleanUp cleanUp = new JdbcReplayCleanUp(store);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE dialoghook_replays RENAME TO dialoghook_replays_away");
            cleanUp.run();
            cleanUp.run();
            statement.execute("ALTER TABLE dialoghook_replays_away RENAME TO dialoghook_replays");
        }
        cleanUp.run();
        cleanUp.run();

        assertEquals(1, logged.stream().filter(line -> line.startsWith("DH-0621")).count(), logged::toString);
        assertEquals(1, logged.stream().filter(line -> line.startsWith("DH-0622")).count(), logged::toString);
        assertTrue(logged.indexOf(logged.stream().filter(line -> line.startsWith("DH-0621")).findFirst().orElseThrow())
                < logged.indexOf("DH-0622 the replay table is cleaned up again"), logged::toString);
        assertEquals(0, rows());
    }
}
