package org.dialoghook.internal.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The replay store in a table of the application's own database ({@code dialoghook_replays} by default), so that
 * every member that uses the same database shares it, and so that a delivery's record can be written in the same
 * transaction as its handler's own database work. PostgreSQL and H2 (Payara's {@code jdbc/__default}, WildFly's
 * {@code ExampleDS}) are tested; the table's statements are {@code server-config/sql/dialoghook-replays-*.sql}.
 *
 * <h2>A record</h2>
 * One row a delivery: its key ({@code replay_key}, the store key; one longer than {@value #MAX_KEY_LENGTH}
 * characters is stored as {@code #} and its SHA-256), {@code state} ({@value #RUNNING} while its first run goes,
 * {@value #DONE} once it has its reply), {@code expires_at} (when its window ends, in milliseconds since the epoch of
 * the store's clock), {@code created_at} (when it was claimed), and the reply: {@code status}, {@code media_type},
 * {@code body}. A row whose window has passed counts as absent: a copy takes it over and runs again
 * ({@link ReplayStore.Claim#REPEAT}). {@link #removeExpired()} deletes such rows in bounded batches.
 *
 * <h2>The claim is the row, and the database's row lock is the wait</h2>
 * A claim {@code INSERT}s the delivery's row. A second transaction that inserts the same key while the first has
 * not committed waits for the first inside the database: this is the unique index's own lock, on every member
 * that uses the database, and nothing the store keeps itself that could go stale when a member dies. When the first
 * transaction commits, the waiting copy finds the committed row: a reply to send again, or a claim to wait on. When
 * it rolls back, or its connection dies with its member, the row is gone and the copy's insert succeeds: it runs
 * the delivery itself. A wait is limited to the claim's {@code wait} ({@code lock_timeout} on PostgreSQL, H2's
 * {@code LOCK_TIMEOUT}, JDBC's query timeout elsewhere), after which the claim throws
 * {@link ReplayInProgressException}. On PostgreSQL a failed statement aborts its transaction, so the claim never
 * fails on a taken key ({@code INSERT ... ON CONFLICT DO NOTHING}, which waits the same way); a lock wait that runs
 * out does abort it, and the caller must roll it back. A copy that finds a row past its window takes it over with an
 * {@code UPDATE ... WHERE expires_at <= now}, which waits on the row lock likewise and finds nothing to update when
 * another copy took it over first.
 *
 * <h2>Two ways to use it</h2>
 * <ul>
 * <li><b>In the caller's transaction</b>: {@link #claim(Connection, String, Duration, Duration)},
 * {@link #complete(Connection, String, StoredReply, Duration)} and {@link #release(Connection, String)} work on the
 * connection they are given and never commit, roll back or change its auto-commit. With a JTA transaction begun
 * before the claim and committed after the handler's work and the complete, on connections of the same JTA data
 * source, the record and the handler's rows commit together or not at all; while the transaction is open, copies
 * wait on the claim's row lock. The claim should be the transaction's first statement: on PostgreSQL a lock wait
 * that runs out ends the transaction. The transaction must read committed rows (READ COMMITTED, the default of
 * PostgreSQL and H2), or a waiting copy cannot see the reply it waited for.</li>
 * <li><b>On its own</b> (the {@link ReplayStore} methods): each call takes a connection of its own, runs in a short
 * transaction of its own and commits before it returns, so the claim row is committed while the handler runs, as a
 * record in a data grid is. A copy then waits by reading the row again every {@value #POLL_MILLIS} ms. Call them
 * outside any JTA transaction. A claim whose member died before its reply stays until its window passes, as in a
 * data grid; the transactional way above leaves nothing.</li>
 * </ul>
 * Both ways use the same rows, so a copy claimed on its own waits on a run in a transaction and the other way round.
 */
public final class JdbcReplayStore implements ReplayStore {

    /** The table's name unless told otherwise. */
    public static final String DEFAULT_TABLE = "dialoghook_replays";

    /** The most rows {@link #removeExpired()} deletes in one call. */
    public static final int CLEAN_UP_BATCH = 500;

    /** The longest key stored as it is. */
    public static final int MAX_KEY_LENGTH = 255;

    static final String RUNNING = "running";
    static final String DONE = "done";

    private static final long POLL_MILLIS = 25;
    private static final int IMMEDIATE_RETRIES = 3;
    private static final Pattern TABLE_NAME =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,50}");

    /** What an attempt to claim found when it found neither a claim nor a reply. */
    private enum Found {
        /** The row went or changed between two statements: look again at once. */
        CHANGED,
        /** A committed claim whose run is still going: look again after a while. */
        RUNNING
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final JdbcDialect dialect;
    private final String table;
    private final String database;
    private final String insertClaim;
    private final String insertReply;
    private final String select;
    private final String takeOver;
    private final String keepReply;
    private final String remove;
    private final String removeExpired;

    private JdbcReplayStore(DataSource dataSource, Clock clock, JdbcDialect dialect, String table, String database) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.dialect = dialect;
        this.table = table;
        this.database = database;
        this.insertClaim = dialect.insertClaim(table);
        this.insertReply = dialect.insertReply(table);
        this.select = "SELECT state, expires_at, status, media_type, body FROM " + table + " WHERE replay_key = ?";
        this.takeOver = "UPDATE " + table + " SET state = '" + RUNNING + "', expires_at = ?, created_at = ?, "
                + "status = NULL, media_type = NULL, body = NULL WHERE replay_key = ? AND expires_at <= ?";
        this.keepReply = "UPDATE " + table + " SET state = '" + DONE + "', expires_at = ?, status = ?, media_type = ?, "
                + "body = ? WHERE replay_key = ?";
        this.remove = "DELETE FROM " + table + " WHERE replay_key = ? AND state = '" + RUNNING + "'";
        this.removeExpired = "DELETE FROM " + table + " WHERE expires_at <= ? AND replay_key IN (SELECT replay_key FROM "
                + table + " WHERE expires_at <= ? FETCH FIRST " + CLEAN_UP_BATCH + " ROWS ONLY" + dialect.skipLocked() + ")";
    }

    /**
     * Opens the store on the table {@value #DEFAULT_TABLE}, creating it when it is missing. Call it outside any JTA
     * transaction.
     *
     * @param dataSource the application's data source
     * @param clock the clock windows are measured with
     * @return the store
     * @throws ReplayStoreFailedException when the database cannot be reached or the table cannot be used
     */
    public static JdbcReplayStore open(DataSource dataSource, Clock clock) {
        return open(dataSource, clock, DEFAULT_TABLE, true);
    }

    /**
     * Opens the store. Call it outside any JTA transaction.
     *
     * @param dataSource the application's data source
     * @param clock the clock windows are measured with
     * @param table the table's name, perhaps with a schema ({@code schema.table}); letters, digits and {@code _}
     * @param createTable whether to create the table and its index when they are missing; when false, the table must
     *        exist, as {@code server-config/sql/dialoghook-replays-<database>.sql} creates it
     * @return the store
     * @throws ReplayStoreFailedException when the database cannot be reached or the table cannot be used
     * @throws IllegalArgumentException when the table's name is not a plain SQL name
     */
    public static JdbcReplayStore open(DataSource dataSource, Clock clock, String table, boolean createTable) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("'" + table + "' is not a table name: write letters, digits and _, "
                    + "perhaps after a schema and a dot");
        }
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            JdbcDialect dialect = JdbcDialect.of(meta.getDatabaseProductName());
            JdbcReplayStore store = new JdbcReplayStore(dataSource, clock, dialect, table,
                    meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
            if (createTable) {
                store.createTable(connection);
            }
            store.checkTable(connection);
            return store;
        } catch (SQLException e) {
            throw new ReplayStoreFailedException("opening the replay table " + table, e);
        }
    }

    /**
     * The statements that create the table and its index on this store's database.
     *
     * @return the statements, each without a closing semicolon
     */
    List<String> createStatements() {
        return dialect.createStatements(table);
    }

    /**
     * The data source the table is in: a connection from it inside a JTA transaction is enlisted in it.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public Claim claim(String key, Duration window, Duration wait) {
        return inOwnTransaction("claiming delivery " + key, connection -> claim(connection, key, window, wait));
    }

    @Override
    public boolean complete(String key, StoredReply reply, Duration window) {
        return inOwnTransaction("keeping the reply of delivery " + key, connection -> {
            complete(connection, key, reply, window);
            return true;
        });
    }

    @Override
    public void release(String key) {
        inOwnTransaction("releasing delivery " + key, connection -> {
            release(connection, key);
            return null;
        });
    }

    /**
     * Claims a delivery in the caller's transaction, which it neither commits nor rolls back: the claim row is the
     * transaction's until it ends, and copies of the delivery wait for that. Everything else as
     * {@link ReplayStore#claim(String, Duration, Duration)}.
     *
     * @param connection a connection in the caller's transaction, not in auto-commit mode
     * @param key the delivery's key
     * @param window how long the claim and the reply are kept
     * @param wait how long to wait for an earlier run of the same delivery that is still going
     * @return the earlier reply, or the claim: the caller must then run the delivery, and complete or release it
     * @throws ReplayInProgressException when an earlier run is still going after {@code wait}; on PostgreSQL the
     *         caller's transaction may then be aborted (a lock wait that ran out), and must be rolled back
     * @throws ReplayStoreFailedException when the database fails; the transaction should be rolled back
     */
    public Claim claim(Connection connection, String key, Duration window, Duration wait) {
        String row = rowKey(key);
        long deadline = System.nanoTime() + wait.toNanos();
        String before = null;
        boolean limited = false;
        boolean usable = true;
        try {
            before = dialect.limitLockWait(connection, millisLeft(deadline));
            limited = true;
            int retries = 0;
            while (true) {
                Object found;
                try {
                    found = attempt(connection, row, window, deadline);
                } catch (SQLException e) {
                    if (dialect.failureEndsTransaction()) {
                        usable = false;
                    }
                    if (!JdbcDialect.lockWaitEnded(e)) {
                        throw e;
                    }
                    if (!usable || millisLeft(deadline) == 0) {
                        throw new ReplayInProgressException(key);
                    }
                    found = Found.CHANGED;
                }
                if (found instanceof Claim claim) {
                    dialect.restoreLockWait(connection, before);
                    limited = false;
                    return claim;
                }
                if (found == Found.RUNNING || ++retries > IMMEDIATE_RETRIES) {
                    if (millisLeft(deadline) == 0) {
                        throw new ReplayInProgressException(key);
                    }
                    sleep(Math.min(POLL_MILLIS, millisLeft(deadline)));
                }
                dialect.limitLockWait(connection, millisLeft(deadline));
            }
        } catch (SQLException e) {
            if (dialect.failureEndsTransaction()) {
                usable = false;
            }
            throw new ReplayStoreFailedException("claiming delivery " + key, e);
        } finally {
            if (limited && usable) {
                restoreQuietly(connection, before);
            }
        }
    }

    /**
     * Keeps the reply of a delivery claimed in the caller's transaction, in that transaction: it is kept when the
     * transaction commits, and lost with the claim when it rolls back.
     *
     * @param connection a connection in the caller's transaction, not in auto-commit mode
     * @param key the delivery's key
     * @param reply the reply it got
     * @param window how long to keep it, from now
     * @throws ReplayStoreFailedException when the database fails
     */
    public void complete(Connection connection, String key, StoredReply reply, Duration window) {
        String row = rowKey(key);
        long now = clock.millis();
        try {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(keepReply)) {
                update.setLong(1, now + window.toMillis());
                update.setInt(2, reply.status());
                update.setString(3, reply.mediaType());
                update.setBytes(4, reply.body());
                update.setString(5, row);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                // the claim row went (removed past its window, or released): keep the reply all the same
                try (PreparedStatement insert = connection.prepareStatement(insertReply)) {
                    insert.setString(1, row);
                    insert.setLong(2, now + window.toMillis());
                    insert.setLong(3, now);
                    insert.setInt(4, reply.status());
                    insert.setString(5, reply.mediaType());
                    insert.setBytes(6, reply.body());
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!JdbcDialect.keyTaken(e)) {
                        throw e;
                    }
                    // another copy claimed it in between: its run keeps its own reply
                }
            }
        } catch (SQLException e) {
            throw new ReplayStoreFailedException("keeping the reply of delivery " + key, e);
        }
    }

    /**
     * Gives up a claim in the caller's transaction, so that a redelivery runs again; a kept reply stays. In a
     * transaction that is rolled back anyway, the rollback does this already.
     *
     * @param connection a connection in the caller's transaction, not in auto-commit mode
     * @param key the delivery's key
     * @throws ReplayStoreFailedException when the database fails
     */
    public void release(Connection connection, String key) {
        try (PreparedStatement delete = connection.prepareStatement(remove)) {
            delete.setString(1, rowKey(key));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new ReplayStoreFailedException("releasing delivery " + key, e);
        }
    }

    /**
     * Deletes at most {@value #CLEAN_UP_BATCH} records whose window has passed, in a transaction of its own. Call it
     * now and then (a timer on one member is enough, every member is harmless), again at once while it returns
     * {@value #CLEAN_UP_BATCH}. It passes over the rows that a run in progress holds (a copy that took over an
     * expired record in its transaction) instead of waiting for them ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL
     * and H2), and deletes no row whose window a copy renewed meanwhile.
     *
     * @return how many it deleted
     * @throws ReplayStoreFailedException when the database fails
     */
    public int removeExpired() {
        return inOwnTransaction("removing the replay records past their window", connection -> {
            long now = clock.millis();
            try (PreparedStatement delete = connection.prepareStatement(removeExpired)) {
                delete.setLong(1, now);
                delete.setLong(2, now);
                return delete.executeUpdate();
            }
        });
    }

    /** None: a row stays until its window has passed. */
    @Override
    public long leftEarly() {
        return 0;
    }

    @Override
    public String describe() {
        return "database table " + table + " (" + database + "), shared by every member that uses the same database";
    }

    /** One look: a fresh claim, a taken-over expired record, a reply, or what to do next. */
    private Object attempt(Connection connection, String row, Duration window, long deadline) throws SQLException {
        long now = clock.millis();
        long expiresAt = now + window.toMillis();
        if (insertClaim(connection, row, expiresAt, now, deadline)) {
            return Claim.FIRST;
        }
        try (PreparedStatement read = connection.prepareStatement(select)) {
            read.setString(1, row);
            try (ResultSet found = read.executeQuery()) {
                if (!found.next()) {
                    return Found.CHANGED;
                }
                if (found.getLong(2) <= now) {
                    return takeOver(connection, row, expiresAt, now, deadline) ? Claim.REPEAT : Found.CHANGED;
                }
                if (DONE.equals(found.getString(1))) {
                    return Claim.replay(new StoredReply(found.getInt(3), found.getString(4), found.getBytes(5)));
                }
                return Found.RUNNING;
            }
        }
    }

    /** Inserts the claim row; false when the key is taken by a committed row. Waits while another transaction holds it. */
    private boolean insertClaim(Connection connection, String row, long expiresAt, long now, long deadline)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertClaim)) {
            insert.setQueryTimeout(dialect.queryTimeoutSeconds(millisLeft(deadline)));
            insert.setString(1, row);
            insert.setLong(2, expiresAt);
            insert.setLong(3, now);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (JdbcDialect.keyTaken(e) && !dialect.failureEndsTransaction()) {
                return false;
            }
            throw e;
        }
    }

    /** Takes over a record past its window, unless another copy did first; waits while another transaction holds it. */
    private boolean takeOver(Connection connection, String row, long expiresAt, long now, long deadline)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(takeOver)) {
            update.setQueryTimeout(dialect.queryTimeoutSeconds(millisLeft(deadline)));
            update.setLong(1, expiresAt);
            update.setLong(2, now);
            update.setString(3, row);
            update.setLong(4, now);
            return update.executeUpdate() == 1;
        }
    }

    private void createTable(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try {
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : createStatements()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            // two members that start at once may both create it: PostgreSQL then refuses the second
            try {
                checkTable(connection);
            } catch (SQLException missing) {
                e.addSuppressed(missing);
                throw e;
            }
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    private void checkTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT replay_key, state, expires_at, created_at, status, media_type, body FROM "
                    + table + " WHERE 1 = 0").close();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Runs one call of the {@link ReplayStore} methods in a short transaction of its own, on a connection of its own. */
    private <T> T inOwnTransaction(String what, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new ReplayStoreFailedException(what, e);
        }
    }

    private void restoreQuietly(Connection connection, String before) {
        try {
            dialect.restoreLockWait(connection, before);
        } catch (SQLException e) {
            // the connection is failing: the caller hears of it from its next statement
        }
    }

    /** The row key: the delivery key, or {@code #} and its SHA-256 when the key is longer than the column. */
    static String rowKey(String key) {
        if (key.length() <= MAX_KEY_LENGTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long millisLeft(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInProgressException("(interrupted)");
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
