package org.dialoghook.internal.config;

import java.time.Duration;

/**
 * How redeliveries are recognised.
 *
 * @param window how long an accepted delivery and its reply are remembered (at least the token's lifetime)
 * @param useSharedStore whether a store the members of a cluster share may hold them ({@code auto}): the map
 *        bound at {@code sharedMapName}, or the server's JCache; else only this server's memory
 * @param sharedMapName the JNDI name of a {@code ConcurrentMap} the server shares across its cluster, such as an
 *        Infinispan cache on WildFly
 */
public record ReplaySettings(Duration window, boolean useSharedStore, String sharedMapName) {

    /** The JNDI name under which WildFly binds the cache that {@code server-config/wildfly/replay-cache.cli} defines. */
    public static final String DEFAULT_SHARED_MAP = "java:jboss/infinispan/cache/dialoghook/replays";
}
