package org.dialoghook.bench.jmh;

import com.hazelcast.cache.impl.HazelcastServerCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * A Hazelcast member in the benchmark's own process, as Payara Micro runs one by default (same Hazelcast
 * version, JCache through the member's caching provider) but alone: a cluster name of its own, no discovery of
 * any kind, listening on 127.0.0.1 only, no phone-home. Shut it down after the benchmark.
 */
final class EmbeddedGrid implements AutoCloseable {

    /** Keeps Hazelcast's own log to warnings, so that the benchmark's output stays readable. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private final HazelcastInstance member;
    private final CachingProvider provider;

    private EmbeddedGrid(HazelcastInstance member, CachingProvider provider) {
        this.member = member;
        this.provider = provider;
    }

    /**
     * Starts a member of a new cluster of one.
     *
     * @return the running member
     */
    static EmbeddedGrid start() {
        HAZELCAST_LOG.setLevel(Level.WARNING);
        Config config = new Config();
        config.setClusterName("dialoghook-jmh-" + UUID.randomUUID());
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        return new EmbeddedGrid(member, new HazelcastServerCachingProvider(member));
    }

    /** @return the member's JCache cache manager, as Payara offers its own to applications */
    CacheManager cacheManager() {
        return provider.getCacheManager();
    }

    @Override
    public void close() {
        provider.close();
        member.shutdown();
    }
}
