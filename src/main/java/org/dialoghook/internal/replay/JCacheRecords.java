package org.dialoghook.internal.replay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.management.ObjectName;

/**
 * Replay records in a cache of the server's JCache (JSR 107) provider: on Payara the Hazelcast data grid. A
 * cache the server's own configuration declares is used as declared (its size and expiry); otherwise the
 * receiver creates it with the replay window as its expiry. Evictions are read from the cache's standard
 * statistics bean ({@code javax.cache:type=CacheStatistics}), which the receiver turns on.
 */
public final class JCacheRecords implements SharedRecords {

    /** The name of the cache. */
    public static final String CACHE_NAME = "dialoghook-replays";

    private final Cache<String, byte[]> cache;
    private final Duration expiry;
    private final String provider;
    private final ObjectName statistics;

    private JCacheRecords(Cache<String, byte[]> cache, String provider) {
        this.cache = cache;
        this.provider = provider;
        this.expiry = expiryOf(cache);
        this.statistics = statisticsBean();
    }

    /**
     * Opens the records in a cache manager the server offers as a CDI bean.
     *
     * @param cacheManager the server's {@code javax.cache.CacheManager}
     * @param window the replay window: the expiry of a cache the receiver creates
     * @return the records
     * @throws CacheException when the cache cannot be created
     */
    public static JCacheRecords open(Object cacheManager, Duration window) {
        CacheManager manager = (CacheManager) cacheManager;
        Cache<String, byte[]> cache = manager.getCache(CACHE_NAME);
        if (cache == null) {
            try {
                cache = manager.createCache(CACHE_NAME, new MutableConfiguration<String, byte[]>()
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                                new javax.cache.expiry.Duration(TimeUnit.SECONDS, window.toSeconds())))
                        .setStatisticsEnabled(true));
            } catch (CacheException createdByAnotherMember) {
                cache = manager.getCache(CACHE_NAME);
            }
        }
        manager.enableStatistics(CACHE_NAME, true);
        return new JCacheRecords(cache, manager.getCachingProvider().getClass().getSimpleName());
    }

    /**
     * The cache itself, for the provider's own API ({@code Cache.unwrap}).
     *
     * @return the {@code javax.cache.Cache}
     */
    Object cache() {
        return cache;
    }

    @Override
    public boolean putIfAbsent(String key, byte[] record) {
        return cache.putIfAbsent(key, record);
    }

    @Override
    public byte[] get(String key) {
        return cache.get(key);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] record) {
        // JCache providers compare stored values in their serialized form, so arrays compare by content
        return cache.replace(key, expected, record);
    }

    @Override
    public void put(String key, byte[] record) {
        cache.put(key, record);
    }

    @Override
    public void remove(String key) {
        cache.remove(key);
    }

    @Override
    public Duration expiry() {
        return expiry;
    }

    @Override
    public long evictions() {
        return statistics == null ? 0 : ManagementBeans.number(statistics, "CacheEvictions").orElse(0L);
    }

    @Override
    public String describe() {
        return "JCache cache '" + CACHE_NAME + "' of " + provider + ", shared by the members of a cluster";
    }

    /** The expiry the cache was configured with; null when it keeps records until they are removed. */
    @SuppressWarnings("unchecked")
    private static Duration expiryOf(Cache<String, byte[]> cache) {
        try {
            CompleteConfiguration<String, byte[]> configuration = cache.getConfiguration(CompleteConfiguration.class);
            javax.cache.expiry.Duration created = configuration.getExpiryPolicyFactory().create().getExpiryForCreation();
            if (created == null || created.isEternal()) {
                return null;
            }
            return Duration.ofMillis(created.getTimeUnit().toMillis(created.getDurationAmount()));
        } catch (IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** The cache's statistics bean on this server, when the provider registers one. */
    private static ObjectName statisticsBean() {
        return ManagementBeans.find("javax.cache:type=CacheStatistics,Cache=" + CACHE_NAME + ",*").stream().findFirst()
                .orElse(null);
    }
}
