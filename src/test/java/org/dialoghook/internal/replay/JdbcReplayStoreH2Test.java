package org.dialoghook.internal.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC replay store on H2 in memory, in the version Payara 6 and WildFly 39 bundle (their trying-out database). */
class JdbcReplayStoreH2Test extends JdbcReplayStoreContract {

    private static DataSource dataSource;

    @BeforeAll
    static void createDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        // kept while the JVM runs, so that every connection sees the same database
        h2.setURL("jdbc:h2:mem:replays-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    String ddlName() {
        return "h2";
    }

    /** H2 names no blocker for a row lock: a session still inside an INSERT, UPDATE or DELETE of the
     * store's table is waiting for one. */
    @Override
    int sessionsWaitingOnALock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS "
                        + "WHERE SESSION_ID <> SESSION_ID() AND (EXECUTING_STATEMENT LIKE 'INSERT INTO replays%' "
                        + "OR EXECUTING_STATEMENT LIKE 'UPDATE replays%' OR EXECUTING_STATEMENT LIKE 'DELETE FROM replays%')")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Override
    String lockWaitSetting(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SELECT LOCK_TIMEOUT()")) {
            setting.next();
            return setting.getString(1);
        }
    }
}
