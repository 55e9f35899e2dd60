package org.dialoghook.internal.http;

import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A transaction manager for one resource, as a server's is for a single JTA data source: a transaction begun on
 * a thread holds one connection of the real database, and every connection the data source hands out on that
 * thread meanwhile is that one (enlisted); it commits or rolls back on the real database. Outside a transaction
 * the data source hands out ordinary connections.
 */
final class LocalTransactions implements UserTransaction, DataSource {

    private final DataSource database;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final ThreadLocal<Boolean> rollbackOnly = ThreadLocal.withInitial(() -> false);
    private volatile boolean refuseNextCommit;

    LocalTransactions(DataSource database) {
        this.database = database;
    }

    /** The next commit fails as a database that refuses at commit makes it fail. */
    void refuseNextCommit() {
        refuseNextCommit = true;
    }

    @Override
    public void begin() throws SystemException {
        if (current.get() != null) {
            throw new IllegalStateException("nested transactions are not supported");
        }
        try {
            Connection connection = database.getConnection();
            connection.setAutoCommit(false);
            current.set(connection);
            rollbackOnly.set(false);
        } catch (SQLException e) {
            throw (SystemException) new SystemException(e.getMessage()).initCause(e);
        }
    }

    @Override
    public void commit() throws RollbackException, SystemException {
        Connection connection = active();
        try {
            if (rollbackOnly.get() || refuseNextCommit) {
                refuseNextCommit = false;
                connection.rollback();
                throw new RollbackException("rolled back at commit");
            }
            connection.commit();
        } catch (SQLException e) {
            throw (SystemException) new SystemException(e.getMessage()).initCause(e);
        } finally {
            end(connection);
        }
    }

    @Override
    public void rollback() throws SystemException {
        Connection connection = active();
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw (SystemException) new SystemException(e.getMessage()).initCause(e);
        } finally {
            end(connection);
        }
    }

    @Override
    public void setRollbackOnly() {
        active();
        rollbackOnly.set(true);
    }

    @Override
    public int getStatus() {
        if (current.get() == null) {
            return Status.STATUS_NO_TRANSACTION;
        }
        return rollbackOnly.get() ? Status.STATUS_MARKED_ROLLBACK : Status.STATUS_ACTIVE;
    }

    @Override
    public void setTransactionTimeout(int seconds) {
        // no reaper here: the tests end every transaction themselves
    }

    private Connection active() {
        Connection connection = current.get();
        if (connection == null) {
            throw new IllegalStateException("no transaction on this thread");
        }
        return connection;
    }

    private void end(Connection connection) {
        current.remove();
        rollbackOnly.remove();
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection is gone already
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection enlisted = current.get();
        if (enlisted == null) {
            return database.getConnection();
        }
        // the transaction's connection; closing it only gives it back to the transaction
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(enlisted, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
