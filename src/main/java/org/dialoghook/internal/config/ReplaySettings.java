package org.dialoghook.internal.config;

import java.time.Duration;

/**
 * How redeliveries are recognised.
 *
 * @param window how long an accepted delivery and its reply are remembered (at least the token's lifetime)
 * @param store which store holds them
 * @param sharedMapName the JNDI name of a {@code ConcurrentMap} the server shares across its cluster, such as an
 *        Infinispan cache on WildFly, used by {@link Store#AUTO}
 * @param dataSourceName the JNDI name of the application's data source that {@link Store#JDBC} keeps its table in;
 *        empty for the other stores
 * @param gridBatching whether the data grid's store on Payara sends its claims and replies in batches
 *        ({@code dialoghook.replay.grid-batching}); used only where the store is Hazelcast's JCache
 */
public record ReplaySettings(Duration window, Store store, String sharedMapName, String dataSourceName,
        boolean gridBatching) {

    /** The JNDI name under which WildFly binds the cache that {@code server-config/wildfly/replay-cache.cli} defines. */
    public static final String DEFAULT_SHARED_MAP = "java:jboss/infinispan/cache/dialoghook/replays";

    /** The stores {@code dialoghook.replay.store} chooses from. */
    public enum Store {
        /** A store the members of a cluster share when the server has one (its map or its JCache), else memory. */
        AUTO,
        /** This server's memory only. */
        MEMORY,
        /** A table in the application's database, written in the handler's own transaction. */
        JDBC
    }

    /**
     * Whether a store the members of a cluster share may be looked for.
     *
     * @return true for {@link Store#AUTO}
     */
    public boolean useSharedStore() {
        return store == Store.AUTO;
    }
}
