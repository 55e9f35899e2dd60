package org.dialoghook.internal.replay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What {@link JdbcReplayStore} does differently on each database: the binary column's type, how a claim's
 * {@code INSERT} meets a key that is taken, and how long a statement may wait for another transaction's row lock.
 * PostgreSQL and H2 (the database Payara and WildFly bundle) are tested; another database gets standard SQL and
 * JDBC's own query timeout, untested.
 */
enum JdbcDialect {

    /**
     * PostgreSQL: a failed statement aborts the whole transaction, the handler's work with it, so a claim never
     * fails on a taken key: {@code ON CONFLICT DO NOTHING} waits for the transaction that holds the key as a plain
     * {@code INSERT} does, then inserts nothing. The wait is limited by {@code lock_timeout}, set for the current
     * transaction only ({@code set_config(..., true)}) and set back after the claim, so the handler's own statements
     * in the same transaction keep the server's setting.
     */
    POSTGRESQL("BYTEA") {
        @Override
        String insertClaim(String table) {
            return super.insertClaim(table) + " ON CONFLICT (replay_key) DO NOTHING";
        }

        @Override
        String insertReply(String table) {
            return super.insertReply(table) + " ON CONFLICT (replay_key) DO NOTHING";
        }

        @Override
        boolean failureEndsTransaction() {
            return true;
        }

        @Override
        String skipLocked() {
            return " FOR UPDATE SKIP LOCKED";
        }

        @Override
        String limitLockWait(Connection connection, long millis) throws SQLException {
            try (PreparedStatement set = connection.prepareStatement(
                    "SELECT current_setting('lock_timeout'), set_config('lock_timeout', ?, true)")) {
                // 0 would mean no limit; the setting is an int of milliseconds
                set.setString(1, Math.max(1, Math.min(Integer.MAX_VALUE, millis)) + "ms");
                try (ResultSet before = set.executeQuery()) {
                    before.next();
                    return before.getString(1);
                }
            }
        }

        @Override
        void restoreLockWait(Connection connection, String before) throws SQLException {
            try (PreparedStatement set = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                set.setString(1, before);
                set.executeQuery().close();
            }
        }
    },

    /**
     * H2: a failed statement leaves the transaction as it was, so a claim's plain {@code INSERT} may fail on a taken
     * key. The wait is limited by the session's {@code LOCK_TIMEOUT} (2 s by default), set for the claim and set back
     * after it: it neither commits nor is undone by a rollback.
     */
    H2("BINARY VARYING") {
        @Override
        String skipLocked() {
            return " FOR UPDATE SKIP LOCKED";
        }

        @Override
        String limitLockWait(Connection connection, long millis) throws SQLException {
            String before;
            try (Statement statement = connection.createStatement();
                    ResultSet current = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
                current.next();
                before = current.getString(1);
            }
            setLockTimeout(connection, Math.max(0, Math.min(Integer.MAX_VALUE, millis)));
            return before;
        }

        @Override
        void restoreLockWait(Connection connection, String before) throws SQLException {
            setLockTimeout(connection, Long.parseLong(before));
        }

        private static void setLockTimeout(Connection connection, long millis) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT " + millis);
            }
        }
    },

    /** Any other database: standard SQL, the wait limited by JDBC's query timeout in whole seconds. Untested. */
    OTHER("BLOB") {
        @Override
        int queryTimeoutSeconds(long millis) {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
        }
    };

    private final String binaryType;

    JdbcDialect(String binaryType) {
        this.binaryType = binaryType;
    }

    /**
     * The dialect of a database.
     *
     * @param productName what {@code DatabaseMetaData.getDatabaseProductName()} says
     * @return the dialect
     */
    static JdbcDialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        return name.equals("h2") ? H2 : OTHER;
    }

    /**
     * The table and its index, as {@code server-config/sql/dialoghook-replays-<database>.sql} writes them.
     *
     * @param table the table's name, perhaps with its schema
     * @return the statements, each without a closing semicolon
     */
    List<String> createStatements(String table) {
        String plainName = table.substring(table.lastIndexOf('.') + 1);
        return List.of("CREATE TABLE IF NOT EXISTS " + table + " ("
                + "replay_key VARCHAR(255) NOT NULL PRIMARY KEY, "
                + "state VARCHAR(8) NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "status INTEGER, "
                + "media_type VARCHAR(255), "
                + "body " + binaryType + ")",
                "CREATE INDEX IF NOT EXISTS " + plainName + "_expires_at ON " + table + " (expires_at)");
    }

    /**
     * Inserts a claim: key, expiry, creation time. On a key another transaction inserted and has not committed, it
     * waits for that transaction.
     *
     * @param table the table
     * @return the statement
     */
    String insertClaim(String table) {
        return "INSERT INTO " + table + " (replay_key, state, expires_at, created_at) VALUES (?, '"
                + JdbcReplayStore.RUNNING + "', ?, ?)";
    }

    /**
     * Inserts a reply whose claim row is gone: key, expiry, creation time, status, media type, body.
     *
     * @param table the table
     * @return the statement
     */
    String insertReply(String table) {
        return "INSERT INTO " + table + " (replay_key, state, expires_at, created_at, status, media_type, body) "
                + "VALUES (?, '" + JdbcReplayStore.DONE + "', ?, ?, ?, ?, ?)";
    }

    /**
     * What makes the clean-up's choice of rows pass over the rows that a run in progress holds, rather than wait
     * for them.
     *
     * @return the clause after the subquery that chooses them; empty where the database has none
     */
    String skipLocked() {
        return "";
    }

    /**
     * Whether a failed statement (a taken key, a lock wait that ran out) dooms the transaction it ran in.
     *
     * @return true on PostgreSQL
     */
    boolean failureEndsTransaction() {
        return false;
    }

    /**
     * Limits how long the connection's next statements wait for a row lock.
     *
     * @param connection the connection
     * @param millis the limit
     * @return the setting before, for {@link #restoreLockWait}; {@code null} when nothing was set
     * @throws SQLException when the database refuses
     */
    String limitLockWait(Connection connection, long millis) throws SQLException {
        return null;
    }

    /**
     * Sets back what {@link #limitLockWait} changed.
     *
     * @param connection the connection
     * @param before what it returned
     * @throws SQLException when the database refuses
     */
    void restoreLockWait(Connection connection, String before) throws SQLException {
    }

    /**
     * The JDBC query timeout that limits a wait, where the database has no setting for lock waits.
     *
     * @param millis the limit
     * @return seconds; 0 for none
     */
    int queryTimeoutSeconds(long millis) {
        return 0;
    }

    /**
     * Whether a statement failed because another transaction held the row too long (or the databases's lock
     * manager gave up on it), rather than for a fault.
     *
     * @param e the failure
     * @return true for a lock wait that ended
     */
    static boolean lockWaitEnded(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return switch (state) {
            // lock_not_available, query_canceled, serialization_failure, deadlock_detected; H2's lock timeout and
            // its concurrent update
            case "55P03", "57014", "40001", "40P01", "HYT00", "90131" -> true;
            default -> false;
        };
    }

    /**
     * Whether a statement failed on a key that is taken.
     *
     * @param e the failure
     * @return true for an integrity constraint violation
     */
    static boolean keyTaken(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
