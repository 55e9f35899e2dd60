package org.dialoghook.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dialoghook.internal.replay.JCacheRecords;
import org.dialoghook.internal.replay.MemoryReplayStore;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.replay.SharedReplayStore;
import org.dialoghook.internal.replay.StoredReply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The replay store as the receiver chooses it: {@code memory}, the in-memory store once it is full, as it is on
 * a busy server after its first 100000 deliveries; {@code grid}, the data grid's store (a JCache cache on a
 * Hazelcast member, Payara's default) on a member in this process ({@link EmbeddedGrid}), with the cache the
 * receiver creates (Hazelcast's default size, so it evicts once full, as on Payara). {@link #deliver} claims a
 * new delivery and stores its reply; {@link #redeliver} claims a delivery that has its reply (the redelivery's
 * lookup). One store shared by all benchmark threads, as the server's worker threads share it ({@code -t 4} to
 * see them contend).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// the internal packages Hazelcast asks for, which Payara Micro's jar opens to its runtime (its manifest's Add-Opens)
@Fork(jvmArgsAppend = {"--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class ReplayStoreBenchmark {

    /** The capacity the server gives the memory store, and the deliveries stored before measuring. */
    private static final int CAPACITY = 100_000;
    /** The deliveries with a reply that {@link #redeliver} cycles through, stored last. */
    private static final int REDELIVERED = 1024;
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final StoredReply REPLY = new StoredReply(200, "application/json",
            "{\"blocks\":[{\"type\":\"text\",\"text\":\"name=Ada\\ncity=Zürich\"}]}".getBytes(StandardCharsets.UTF_8));

    /** Which store. */
    @Param({"memory", "grid"})
    public String store;

    private ReplayStore replays;
    private EmbeddedGrid grid;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong nextRedelivery = new AtomicLong();

    @Setup
    public void setUp() {
        if (store.equals("grid")) {
            grid = EmbeddedGrid.start();
            replays = new SharedReplayStore(JCacheRecords.open(grid.cacheManager(), WINDOW), Clock.systemUTC());
        } else {
            replays = new MemoryReplayStore(CAPACITY, Clock.systemUTC());
        }
        for (int i = 0; i < CAPACITY; i++) {
            deliver();
        }
        for (int i = 0; i < REDELIVERED; i++) {
            String key = redeliveryKey(i);
            replays.claim(key, WINDOW, Duration.ZERO);
            replays.complete(key, REPLY, WINDOW);
        }
        for (int i = 0; i < REDELIVERED; i++) {
            if (replays.claim(redeliveryKey(i), WINDOW, Duration.ZERO).earlierReply().isEmpty()) {
                throw new IllegalStateException(store + " store lost delivery " + i + " before the benchmark: "
                        + replays.describe());
            }
        }
    }

    @TearDown
    public void tearDown() {
        if (grid != null) {
            grid.close();
        }
    }

    /**
     * Claims a new delivery and stores its reply.
     *
     * @return the claim
     */
    @Benchmark
    public ReplayStore.Claim deliver() {
        String key = "default|" + next.getAndIncrement();
        ReplayStore.Claim claim = replays.claim(key, WINDOW, Duration.ZERO);
        replays.complete(key, REPLY, WINDOW);
        return claim;
    }

    /**
     * Claims a delivery whose reply is stored: what a redelivery costs before its reply is sent again.
     *
     * @return the claim, with the earlier reply
     */
    @Benchmark
    public ReplayStore.Claim redeliver() {
        return replays.claim(redeliveryKey((int) (nextRedelivery.getAndIncrement() % REDELIVERED)), WINDOW,
                Duration.ZERO);
    }

    private static String redeliveryKey(int i) {
        return "default|redelivered-" + i;
    }
}
