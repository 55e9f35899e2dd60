package org.dialoghook.internal.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC replay store on a real PostgreSQL 15, started once for this class on 127.0.0.1 in {@code target/} and
 * stopped after it, whatever its tests did.
 */
class JdbcReplayStorePostgresTest extends JdbcReplayStoreContract {

    private static PostgresServer server;
    private static DataSource dataSource;

    @BeforeAll
    static void startPostgres() {
        server = PostgresServer.start();
        dataSource = server.dataSource();
    }

    @AfterAll
    static void stopPostgres() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    String ddlName() {
        return "postgresql";
    }

    @Override
    int sessionsWaitingOnALock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Override
    String lockWaitSetting(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SHOW lock_timeout")) {
            setting.next();
            return setting.getString(1);
        }
    }
}
