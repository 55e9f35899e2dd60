package org.dialoghook.internal.replay;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

/**
 * The replay store in the server's JCache (JSR 107) provider: on Payara the Hazelcast data grid, shared by
 * every member of a cluster, so a redelivery to another member finds the first member's claim and reply.
 * Entries are plain bytes: the expiry time, then the reply (none while the first run is going).
 */
public final class JCacheReplayStore implements ReplayStore {

    /** The name of the cache. */
    public static final String CACHE_NAME = "dialoghook-replays";

    private static final long POLL_MILLIS = 25;
    private static final javax.cache.expiry.Duration LONGEST_KEPT = new javax.cache.expiry.Duration(TimeUnit.HOURS, 25);

    private final Cache<String, byte[]> cache;
    private final Clock clock;
    private final String provider;

    private JCacheReplayStore(Cache<String, byte[]> cache, Clock clock, String provider) {
        this.cache = cache;
        this.clock = clock;
        this.provider = provider;
    }

    /**
     * Opens the store in a cache manager the server offers as a CDI bean.
     *
     * @param cacheManager the server's {@code javax.cache.CacheManager}
     * @param clock the clock expiry is measured with
     * @return the store
     * @throws CacheException when the cache cannot be created
     */
    public static ReplayStore open(Object cacheManager, Clock clock) {
        CacheManager manager = (CacheManager) cacheManager;
        Cache<String, byte[]> cache = manager.getCache(CACHE_NAME, String.class, byte[].class);
        if (cache == null) {
            try {
                cache = manager.createCache(CACHE_NAME, new MutableConfiguration<String, byte[]>()
                        .setTypes(String.class, byte[].class)
                        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(LONGEST_KEPT)));
            } catch (CacheException createdByAnotherMember) {
                cache = manager.getCache(CACHE_NAME, String.class, byte[].class);
            }
        }
        return new JCacheReplayStore(cache, clock, manager.getCachingProvider().getClass().getSimpleName());
    }

    /**
     * Claims with one grid call when the delivery is new: {@code putIfAbsent} first, and only when that finds an
     * entry, reads it to learn whether it holds a reply, an expired record or a run still going.
     */
    @Override
    public Claim claim(String key, Duration window, Duration wait) {
        long deadline = clock.millis() + wait.toMillis();
        while (true) {
            long now = clock.millis();
            byte[] mine = entry(now + window.toMillis(), null);
            if (cache.putIfAbsent(key, mine)) {
                return Claim.FIRST;
            }
            byte[] current = cache.get(key);
            if (current == null) {
                continue;
            }
            if (expiresAt(current) <= now) {
                if (cache.replace(key, current, mine)) {
                    return Claim.REPEAT;
                }
            } else if (current.length > Long.BYTES) {
                return Claim.replay(StoredReply.fromBytes(Arrays.copyOfRange(current, Long.BYTES, current.length)));
            } else if (now >= deadline) {
                throw new ReplayInProgressException(key);
            } else {
                sleep();
            }
        }
    }

    @Override
    public boolean complete(String key, StoredReply reply, Duration window) {
        cache.put(key, entry(clock.millis() + window.toMillis(), reply));
        return true;
    }

    @Override
    public void release(String key) {
        cache.remove(key);
    }

    @Override
    public String describe() {
        return "JCache cache '" + CACHE_NAME + "' of " + provider + ", shared by the members of a cluster";
    }

    private static byte[] entry(long expiresAt, StoredReply reply) {
        byte[] body = reply == null ? new byte[0] : reply.toBytes();
        return ByteBuffer.allocate(Long.BYTES + body.length).putLong(expiresAt).put(body).array();
    }

    private static long expiresAt(byte[] entry) {
        return ByteBuffer.wrap(entry).getLong();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayInProgressException("(interrupted)");
        }
    }
}
