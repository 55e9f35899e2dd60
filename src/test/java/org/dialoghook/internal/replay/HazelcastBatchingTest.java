package org.dialoghook.internal.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The batching store on a real Hazelcast member (5.3.8, the version Payara Micro 6 bundles; a cluster of one on
 * loopback, no join), in the cache {@link JCacheRecords} creates: many threads claiming at once, every delivery
 * twice, still run each delivery once, and every copy that is not the run gets the run's reply or is refused as
 * in progress.
 */
class HazelcastBatchingTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int THREADS = 8;
    private static final int DELIVERIES = 400;

    private static HazelcastInstance member;
    private static CachingProvider provider;

    @BeforeAll
    static void startMember() {
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        Config config = new Config();
        config.setClusterName("dialoghook-test-" + UUID.randomUUID());
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
        member = Hazelcast.newHazelcastInstance(config);
        provider = new com.hazelcast.cache.impl.HazelcastServerCachingProvider(member);
    }

    @AfterAll
    static void stopMember() {
        provider.close();
        member.shutdown();
    }

    @Test
    void copiesClaimedTogetherFromManyThreadsRunEachDeliveryOnce() throws Exception {
        CacheManager manager = provider.getCacheManager();
        JCacheRecords single = JCacheRecords.open(manager, WINDOW);
        ExecutorService next = Executors.newSingleThreadExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        try (BatchingRecords records = new BatchingRecords(single, HazelcastCacheBatches.of(single.cache()), next,
                Duration.ofMinutes(1))) {
            SharedReplayStore store = new SharedReplayStore(records, Clock.systemUTC());
            ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
            AtomicInteger replayed = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int first = thread;
                work.add(senders.submit(() -> {
                    start.await();
                    // each delivery is sent by two threads: thread t and thread t + 1 (mod THREADS)
                    for (int i = 0; i < DELIVERIES; i++) {
                        for (int owner : new int[] {first, (first + THREADS - 1) % THREADS}) {
                            String key = "test|" + owner + "-" + i;
                            try {
                                ReplayStore.Claim claim = store.claim(key, WINDOW, Duration.ofSeconds(5));
                                if (claim.earlierReply().isPresent()) {
                                    assertEquals(key, new String(claim.earlierReply().get().body(),
                                            StandardCharsets.UTF_8), "the run's own reply");
                                    replayed.incrementAndGet();
                                } else {
                                    runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                                    store.complete(key, new StoredReply(200, "application/json",
                                            key.getBytes(StandardCharsets.UTF_8)), WINDOW);
                                }
                            } catch (ReplayInProgressException e) {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> done : work) {
                done.get();
            }
            assertEquals(THREADS * DELIVERIES, runs.size(), "every delivery ran");
            assertTrue(runs.values().stream().allMatch(count -> count.get() == 1), "and ran once");
            assertEquals(THREADS * DELIVERIES, replayed.get() + refused.get(), "every copy replayed or refused");
            GridBatcher.Sizes claims = records.claimBatches();
            assertTrue(claims.calls() >= 2L * THREADS * DELIVERIES, "a copy that waits for a run claims again");
            System.out.printf("claims: %d calls in %d batches, largest %d%n", claims.calls(), claims.batches(),
                    claims.largest());
            assertEquals(0, records.repliesLost());
        } finally {
            senders.shutdownNow();
            next.shutdownNow();
        }
    }
}
