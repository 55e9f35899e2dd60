package org.dialoghook.internal.replay;

/**
 * The replay store could not be read or written (the database refused or could not be reached): the delivery can
 * be neither answered from the store nor run safely, so it should be refused and sent again later.
 */
public class ReplayStoreFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what what the store was doing, with the log-safe delivery key where there is one
     * @param cause the database's failure
     */
    public ReplayStoreFailedException(String what, Throwable cause) {
        super(what + ": " + cause.getClass().getSimpleName() + " (SQLState "
                + (cause instanceof java.sql.SQLException sql ? sql.getSQLState() : "none") + ")", cause);
    }
}
