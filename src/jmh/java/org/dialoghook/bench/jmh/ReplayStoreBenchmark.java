package org.dialoghook.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dialoghook.internal.replay.MemoryReplayStore;
import org.dialoghook.internal.replay.ReplayStore;
import org.dialoghook.internal.replay.StoredReply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-memory replay store once it is full, as it is on a busy server after its first 100000 deliveries:
 * every new delivery is claimed, and its reply stored. One store shared by all benchmark threads, as the
 * server's worker threads share it ({@code -t 4} to see them contend).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplayStoreBenchmark {

    /** The capacity the server gives the store. */
    private static final int CAPACITY = 100_000;
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final StoredReply REPLY = new StoredReply(200, "application/json",
            "{\"blocks\":[{\"type\":\"text\",\"text\":\"name=Ada\\ncity=Zürich\"}]}".getBytes(StandardCharsets.UTF_8));

    private MemoryReplayStore store;
    private final AtomicLong next = new AtomicLong();

    @Setup
    public void setUp() {
        store = new MemoryReplayStore(CAPACITY, Clock.systemUTC());
        for (int i = 0; i < CAPACITY; i++) {
            deliver();
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
        ReplayStore.Claim claim = store.claim(key, WINDOW, Duration.ZERO);
        store.complete(key, REPLY, WINDOW);
        return claim;
    }
}
