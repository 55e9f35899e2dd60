package org.dialoghook.internal.replay;

/**
 * A map of replay records that every member of a cluster shares, as a data grid offers it: the five atomic
 * operations {@link SharedReplayStore} needs, over keys and values of JDK types only, so that the grid never
 * loads an application class. Implementations must compare values by content in {@link #replace}.
 */
public interface SharedRecords {

    /**
     * Stores the record unless the key has one.
     *
     * @param key the delivery's key
     * @param record the record
     * @return true when it was stored
     */
    boolean putIfAbsent(String key, byte[] record);

    /**
     * Reads a record.
     *
     * @param key the delivery's key
     * @return the record, or {@code null}
     */
    byte[] get(String key);

    /**
     * Replaces a record only while it still is {@code expected}.
     *
     * @param key the delivery's key
     * @param expected the record read before
     * @param record the new record
     * @return true when it was replaced
     */
    boolean replace(String key, byte[] expected, byte[] record);

    /**
     * Stores a record whatever the key had.
     *
     * @param key the delivery's key
     * @param record the record
     */
    void put(String key, byte[] record);

    /**
     * Removes a record.
     *
     * @param key the delivery's key
     */
    void remove(String key);

    /**
     * How long the grid keeps a record after it was written, as the grid is configured.
     *
     * @return the expiry, or {@code null} when records do not expire
     */
    java.time.Duration expiry();

    /**
     * How many records the grid removed to make room since it started, as far as it tells.
     *
     * @return the count; 0 when the grid does not say
     */
    default long evictions() {
        return 0;
    }

    /**
     * What the records are, for the start-up log line.
     *
     * @return a short description
     */
    String describe();
}
