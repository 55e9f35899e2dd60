package org.dialoghook.it.ledger;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The test handlers' own table, {@code it_ledger}, in the server's default data source (on Payara
 * {@code jdbc/__default}, on WildFly {@code ExampleDS}: the data source the receiver's replay table is in), and how
 * often each delivery's handler started.
 */
@ApplicationScoped
public class Ledger {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /**
     * Counts a start of a delivery's handler.
     *
     * @param deliveryId the delivery
     * @return how often it started, this one included
     */
    public int attempt(String deliveryId) {
        return attempts.computeIfAbsent(deliveryId, id -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * How often a delivery's handler started.
     *
     * @param deliveryId the delivery
     * @return the count
     */
    public int attempts(String deliveryId) {
        AtomicInteger count = attempts.get(deliveryId);
        return count == null ? 0 : count.get();
    }

    /**
     * Writes the delivery's row, on a connection enlisted in the caller's transaction.
     *
     * @param deliveryId the delivery
     * @param writer which handler wrote it
     * @throws SQLException when the database refuses
     */
    public void write(String deliveryId, String writer) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO it_ledger (delivery_id, writer) VALUES (?, ?)")) {
            insert.setString(1, deliveryId);
            insert.setString(2, writer);
            insert.executeUpdate();
        }
    }

    /**
     * Counts rows that hold a text, committed ones or the caller's own.
     *
     * @param table the table
     * @param column the column
     * @param pattern a LIKE pattern
     * @return the count
     * @throws SQLException when the database refuses
     */
    public int count(String table, String column, String pattern) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT COUNT(*) FROM " + table + " WHERE " + column + " LIKE ?")) {
            select.setString(1, pattern);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Runs one statement outside any transaction (the caller must be in none).
     *
     * @param sql the statement
     * @throws SQLException when the database refuses
     */
    public void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
