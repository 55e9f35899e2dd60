package org.dialoghook.internal.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Replay records in a {@link ConcurrentMap} that the server binds in JNDI and shares across its cluster: on
 * WildFly, an Infinispan cache that {@code server-config/wildfly/replay-cache.cli} defines. Only the map's
 * standard interface is used. How long the server keeps a record, and how many it evicted, come from a
 * {@link CacheManagementModel} when the server describes the cache there.
 *
 * <p>A record is kept as a {@code String} of its bytes read as ISO-8859-1: one character a byte, lossless, one byte
 * of heap a character (the JDK's compact strings). A conditional {@code replace} must compare records by content, and
 * Infinispan on WildFly compares values with {@code equals} where the key's primary owner keeps them: a
 * {@code byte[]} carried there from another member is never equal to the stored one (the two-server test saw a claim
 * past its window never taken over), a {@code String} is whenever its characters are.
 */
public final class ConcurrentMapRecords implements SharedRecords {

    private final ConcurrentMap<String, String> map;
    private final String name;
    private final Duration expiry;
    private final boolean expiryKnown;
    private final LongSupplier evictions;

    /**
     * Creates the records.
     *
     * @param map the shared map; it must hold nothing but replay records, as this class writes them
     * @param name the JNDI name it was found at, for the log
     * @param expiry how long the map keeps a record after it was written, or {@code null} when it does not expire
     *        records or when that is not known
     * @param expiryKnown whether {@code expiry} is what the server says
     * @param evictions how many records the map removed to make room; 0 when not known
     */
    public ConcurrentMapRecords(ConcurrentMap<String, String> map, String name, Duration expiry, boolean expiryKnown,
            LongSupplier evictions) {
        this.map = map;
        this.name = name;
        this.expiry = expiry;
        this.expiryKnown = expiryKnown;
        this.evictions = evictions;
    }

    /**
     * Opens the records in a map found in JNDI, with what the server's management model says about it.
     *
     * @param map the object bound at {@code name}
     * @param name the JNDI name
     * @return the records
     */
    @SuppressWarnings("unchecked")
    public static SharedRecords open(ConcurrentMap<?, ?> map, String name) {
        CacheManagementModel model = CacheManagementModel.of(name);
        return new ConcurrentMapRecords((ConcurrentMap<String, String>) map, name, model.lifespan().orElse(null),
                model.isKnown(), model::evictions);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record) {
        return map.putIfAbsent(key, text(record)) == null;
    }

    @Override
    public byte[] get(String key) {
        String record = map.get(key);
        return record == null ? null : record.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One atomic call: the map compares the two strings, so the records' bytes, wherever it keeps them. */
    @Override
    public boolean replace(String key, byte[] expected, byte[] record) {
        return map.replace(key, text(expected), text(record));
    }

    @Override
    public void put(String key, byte[] record) {
        map.put(key, text(record));
    }

    @Override
    public void remove(String key) {
        map.remove(key);
    }

    @Override
    public Duration expiry() {
        return expiry;
    }

    @Override
    public long evictions() {
        return evictions.getAsLong();
    }

    private static String text(byte[] record) {
        return new String(record, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String describe() {
        return "shared map " + name + " (" + map.getClass().getSimpleName() + "), shared by the members of a cluster"
                + (expiryKnown ? "" : "; its expiry is not in the server's management model, so not known here");
    }
}
