package org.dialoghook.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.dialoghook.bench.load.Wrk.Phase;
import org.dialoghook.testkit.DeliverySigner;

/**
 * The load benchmark ({@code mvn -Pbench verify}): times the start-up of Payara Micro with the no-op WAR and
 * with the receiver's WAR, then starts two servers with the receiver's WAR: one without Hazelcast, where the
 * receiver keeps its replay records in memory, and one with Payara's data grid on as Payara runs by default (a
 * cluster of one on 127.0.0.1), where the receiver keeps them in a JCache cache on the grid. The start-up line
 * of each ({@code DH-0600}) is printed, and the run fails when the grid server's receiver did not get the
 * grid's store. Four endpoints are warmed up until two consecutive chunks agree and then driven in interleaved
 * rounds: the ceiling ({@code POST /noop}, same request bytes, no work), the jose4j floor ({@code POST /floor}:
 * the no-op plus jose4j verifying the token) and the receiver with the memory store ({@code POST /webhook}), all
 * three on the first server, and the receiver with the grid's store ({@code POST /webhook} on the second). A
 * further server keeps the receiver's records in a table of a PostgreSQL on 127.0.0.1 ({@code dialoghook.replay.store=jdbc},
 * through a JDBC resource its post-boot file makes), measured in the same rounds; its figures count PostgreSQL's
 * CPU beside the server's.
 * Every measured receiver request has its own token. The figures of the four print side by side, with the
 * ratios grid/memory and receiver/floor and receiver/ceiling. Given a baseline WAR (an earlier build of the
 * benchmark WAR), a third server runs it as the memory server runs this one, is warmed up with the same endpoints,
 * and its receiver is measured in the same rounds, next to the memory server's, with the ratios after/before. Load
 * goes to 127.0.0.1 only; every phase is bounded in time and count; the servers it started are stopped at the end.
 */
public final class LoadBenchmark {

    private static final String RECEIVER = "/webhook";
    private static final Endpoint CEILING = new Endpoint("ceiling", "ceiling /noop", "/noop", false);
    private static final Endpoint FLOOR = new Endpoint("floor", "jose4j floor /floor", "/floor", false);
    private static final Endpoint MEMORY = new Endpoint("memory", "receiver, memory store", RECEIVER, true);
    private static final Endpoint GRID = new Endpoint("grid", "receiver, grid store", RECEIVER, true);
    private static final Endpoint BATCHED = new Endpoint("batched", "receiver, grid store in batches", RECEIVER, true);
    private static final Endpoint JDBC = new Endpoint("jdbc", "receiver, JDBC store (PG)", RECEIVER, true);
    private static final Endpoint BASELINE = new Endpoint("baseline", "receiver, baseline WAR", RECEIVER, true);
    private static final double AGREEMENT = 0.05;
    /** Tokens for each receiver's one-connection phase: more than one connection sends in a phase. */
    private static final int SINGLE_POOL = 40_000;
    private static final Duration STORE_LINE_WAIT = Duration.ofSeconds(20);

    private final Options options;
    private final Wrk wrk;
    private final String secret;
    /** The measured endpoints in a round's order; the baseline's receiver next to the memory server's. */
    private final List<Endpoint> endpoints;
    private final StringBuilder report = new StringBuilder();

    private LoadBenchmark(Options options, Wrk wrk, String secret) {
        this.options = options;
        this.wrk = wrk;
        this.secret = secret;
        this.endpoints = options.baselineWar() == null ? List.of(CEILING, FLOOR, MEMORY, GRID, BATCHED, JDBC)
                : List.of(CEILING, FLOOR, MEMORY, BASELINE, GRID, BATCHED, JDBC);
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --name value} pairs, see {@link Options}
     * @throws Exception when the benchmark cannot run; a missed target is reported, not thrown
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.work());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        new LoadBenchmark(options, Wrk.installed(options), Base64.getUrlEncoder().withoutPadding().encodeToString(key))
                .run();
    }

    private void run() throws IOException {
        line("== Dialoghook load benchmark ==");
        line("machine: " + MachineInfo.describe(options));
        line("load average before: " + MachineInfo.loadAverage() + " (other work on the machine skews absolute figures;"
                + " the ratios compare phases of one run)");
        line("servers: -Xmx" + options.heap() + ", default GC, HTTP on 127.0.0.1 only; wrk: " + options.threads()
                + " threads, " + options.connections() + " connections, " + options.phaseSeconds() + " s phases, at most "
                + options.perThreadLimit() * options.threads() + " requests a phase");
        line("memory server: --nohazelcast (receiver with the memory store, the ceiling and the floor); grid server:"
                + " Payara's data grid on, a cluster of one on loopback (" + PayaraServer.GRID_OPTIONS + "); its replay"
                + " cache: " + (options.gridConfig() == null ? "Payara's defaults (10000 records a member)"
                        : "as " + options.gridConfig() + " declares it"));
        if (options.baselineWar() != null) {
            line("baseline server: " + options.baselineWar() + ", set up as the memory server and warmed up with the"
                    + " same endpoints; its receiver is measured in the same rounds, next to the memory server's");
        }

        long signing = System.nanoTime();
        Path pools = options.work().resolve("tokens");
        TokenPool warm = TokenPool.sign(secret, pools, "warmup", options.threads(), options.warmupPool());
        int measured = options.rounds();
        TokenPool fresh = TokenPool.sign(secret, pools, "fresh", options.threads(), options.perThreadLimit() * measured);
        line(String.format("tokens: %d signed in %.1f s (a fresh one for every measured receiver request: each server"
                + " has its own replay store and gets each fresh token once; the warm-up, the ceiling and the floor"
                + " cycle through %d)", (long) (warm.perThread() + fresh.perThread()) * options.threads(),
                (System.nanoTime() - signing) / 1e9, warm.perThread() * options.threads()));
        TokenPool single = TokenPool.sign(secret, pools, "single", 1, SINGLE_POOL);
        String body = Files.readString(warm.body(), StandardCharsets.UTF_8);

        StartUp startUp = timeStartUps(body);

        List<Result> results = new ArrayList<>();
        Map<Endpoint, ProfileSummary> profiles = new LinkedHashMap<>();
        List<Long> databaseCpu = new ArrayList<>();
        try (BenchDatabase database = BenchDatabase.start();
                PayaraServer memory = PayaraServer.start(options, options.war(), secret, "receiver", false);
                PayaraServer grid = PayaraServer.start(options, options.war(), secret, "receiver-grid", true,
                        Map.of("DIALOGHOOK_REPLAY_GRID_BATCHING", "false"));
                PayaraServer batched = PayaraServer.start(options, options.war(), secret, "receiver-batched", true);
                PayaraServer jdbc = PayaraServer.start(options, options.war(), secret, "receiver-jdbc", false,
                        Map.of("DIALOGHOOK_REPLAY_STORE", "jdbc", "DIALOGHOOK_REPLAY_DATASOURCE", BenchDatabase.RESOURCE),
                        database.payaraArguments(options.work()));
                PayaraServer baseline = options.baselineWar() == null ? null
                        : PayaraServer.start(options, options.baselineWar(), secret, "baseline", false)) {
            Map<Endpoint, PayaraServer> servers = new HashMap<>(Map.of(CEILING, memory, FLOOR, memory, MEMORY, memory,
                    GRID, grid, BATCHED, batched, JDBC, jdbc));
            if (baseline != null) {
                servers.put(BASELINE, baseline);
            }
            for (PayaraServer server : baseline == null ? List.of(memory, grid, batched, jdbc)
                    : List.of(memory, grid, batched, jdbc, baseline)) {
                server.awaitReady(RECEIVER, oneToken(), body);
            }
            requireStores(memory, grid, baseline);
            requireBatches(batched);
            requireDatabase(jdbc);
            warmUp(MEMORY, memory, warm, options.warmupMax());
            warmUp(CEILING, memory, warm, options.warmupMax());
            warmUp(FLOOR, memory, warm, options.warmupMax());
            if (baseline != null) {
                // the same mix as the memory server's, so that the JIT of both has seen the same requests
                warmUp(BASELINE, baseline, warm, options.warmupMax());
                warmUp(CEILING.on(BASELINE), baseline, warm, options.warmupMax());
                warmUp(FLOOR.on(BASELINE), baseline, warm, options.warmupMax());
            }
            warmUp(GRID, grid, warm, options.warmupMaxGrid());
            warmUp(BATCHED, batched, warm, options.warmupMaxGrid());
            warmUp(JDBC, jdbc, warm, options.warmupMaxGrid());
            for (int round = 0; round < options.rounds(); round++) {
                // the next round in reverse, so that drift and other work on the machine hit every endpoint alike
                List<Endpoint> order = round % 2 == 0 ? endpoints : reversed(endpoints);
                for (Endpoint endpoint : order) {
                    long databaseBefore = database.cpuMicros();
                    Result result = measure(endpoint, servers.get(endpoint), round, warm, fresh);
                    if (endpoint == JDBC) {
                        databaseCpu.add((database.cpuMicros() - databaseBefore) / Math.max(1, result.phase().requests()));
                    }
                    results.add(result);
                    line(result.row());
                }
            }
            List<Result> oneConnection = new ArrayList<>();
            for (Endpoint endpoint : List.of(MEMORY, GRID, BATCHED, JDBC)) {
                oneConnection.add(measureOneConnection(endpoint, servers.get(endpoint), single));
            }
            summarizeOneConnection(oneConnection);
            for (String warning : List.of("DH-0605", "DH-0606")) {
                grid.logLines(warning).forEach(found -> line("grid server's log: " + found));
                batched.logLines(warning).forEach(found -> line("batching server's log: " + found));
            }
            batched.logLines("DH-0641").forEach(found -> line("batching server's log: " + found));
            batched.logLines("DH-0640").forEach(found -> line("batching server's log: " + found));
            if (options.profile()) {
                writePhases(results, options.work().resolve("phases.txt"));
                Map<PayaraServer, Path> recordings = new HashMap<>();
                recordings.put(memory, dump(memory, "server.jfr"));
                recordings.put(grid, dump(grid, "server-grid.jfr"));
                recordings.put(batched, dump(batched, "server-batched.jfr"));
                recordings.put(jdbc, dump(jdbc, "server-jdbc.jfr"));
                if (baseline != null) {
                    recordings.put(baseline, dump(baseline, "server-baseline.jfr"));
                }
                for (Endpoint endpoint : endpoints) {
                    profiles.put(endpoint, ProfileSummary.read(recordings.get(servers.get(endpoint)),
                            windows(results, endpoint)));
                }
            }
        }
        summarize(results, profiles, startUp);
        summarizeDatabase(results, databaseCpu);
        profiles.forEach((endpoint, profile) -> printProfile(endpoint, profile, results));
        line("load average after: " + MachineInfo.loadAverage());
        Path file = options.work().resolve("results.txt");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println("(also written to " + file + ")");
    }

    /** Prints each server's replay store, and stops the run when a server has not the store it is there for. */
    private void requireStores(PayaraServer memory, PayaraServer grid, PayaraServer baseline) throws IOException {
        String memoryStore = storeLine(memory);
        String gridStore = storeLine(grid);
        line(String.format("memory server ready on 127.0.0.1:%d, RSS %.0f MiB idle: %s", memory.port(),
                mib(memory.rssBytes()), memoryStore));
        line(String.format("grid server ready on 127.0.0.1:%d, RSS %.0f MiB idle: %s", grid.port(),
                mib(grid.rssBytes()), gridStore));
        if (gridStore == null || !gridStore.contains("JCache") || gridStore.contains("batches")) {
            String failure = "FAILED: the receiver on the grid server did not get the data grid's JCache store ("
                    + gridStore + "); nothing measured would be the grid's. See " + grid.log();
            line(failure);
            throw new IllegalStateException(failure);
        }
        if (memoryStore == null || memoryStore.contains("JCache")) {
            String failure = "FAILED: the receiver on the memory server did not get the memory store (" + memoryStore
                    + "). See " + memory.log();
            line(failure);
            throw new IllegalStateException(failure);
        }
        if (baseline != null) {
            String baselineStore = storeLine(baseline);
            line(String.format("baseline server ready on 127.0.0.1:%d, RSS %.0f MiB idle: %s", baseline.port(),
                    mib(baseline.rssBytes()), baselineStore));
            if (baselineStore == null || baselineStore.contains("JCache")) {
                String failure = "FAILED: the receiver on the baseline server did not get the memory store ("
                        + baselineStore + "). See " + baseline.log();
                line(failure);
                throw new IllegalStateException(failure);
            }
        }
    }

    /** Prints the JDBC server's replay store, and stops the run when it has not the table in PostgreSQL. */
    private void requireDatabase(PayaraServer jdbc) throws IOException {
        String store = storeLine(jdbc);
        line(String.format("JDBC server ready on 127.0.0.1:%d, RSS %.0f MiB idle: %s", jdbc.port(),
                mib(jdbc.rssBytes()), store));
        if (store == null || !store.contains("database table") || !store.contains("PostgreSQL")) {
            String failure = "FAILED: the receiver on the JDBC server did not get the table in PostgreSQL (" + store
                    + "). See " + jdbc.log();
            line(failure);
            throw new IllegalStateException(failure);
        }
    }

    /** The receiver with the JDBC store against the memory store, the database's CPU counted. */
    private void summarizeDatabase(List<Result> results, List<Long> databaseCpu) {
        Result memory = Result.median(results, MEMORY.name());
        Result jdbc = Result.median(results, JDBC.name());
        long database = databaseCpu.stream().sorted().toList().get(databaseCpu.size() / 2);
        line("");
        line("== The receiver with the JDBC store on PostgreSQL / with the memory store ==");
        line(String.format("throughput %.3f  rounds: %s", jdbc.perSecond() / memory.perSecond(),
                byRound(results, JDBC, MEMORY, Result::perSecond)));
        line(String.format("p99        %.3f  rounds: %s", jdbc.p99Millis() / memory.p99Millis(),
                byRound(results, JDBC, MEMORY, Result::p99Millis)));
        line(String.format("CPU per delivery: the server %.1f us (memory store: %.1f us), PostgreSQL %d us (median of"
                + " the rounds: %s), together %.1f us", jdbc.cpuMicrosPerRequest(), memory.cpuMicrosPerRequest(),
                database, databaseCpu, jdbc.cpuMicrosPerRequest() + database));
    }

    /** Prints the batching server's replay store, and stops the run when it has not the batching grid store. */
    private void requireBatches(PayaraServer batched) throws IOException {
        String store = storeLine(batched);
        line(String.format("batching server ready on 127.0.0.1:%d, RSS %.0f MiB idle: %s", batched.port(),
                mib(batched.rssBytes()), store));
        if (store == null || !store.contains("JCache") || !store.contains("batches")) {
            String failure = "FAILED: the receiver on the batching server did not get the data grid's store in batches ("
                    + store + "). See " + batched.log();
            line(failure);
            throw new IllegalStateException(failure);
        }
    }

    /** The server's DH-0600 line; the receiver logs it when its first delivery creates the store. */
    private static String storeLine(PayaraServer server) throws IOException {
        long deadline = System.nanoTime() + STORE_LINE_WAIT.toNanos();
        String store = server.replayStore();
        while (store == null && System.nanoTime() < deadline) {
            PayaraServer.sleep(200);
            store = server.replayStore();
        }
        return store;
    }

    private Path dump(PayaraServer server, String name) throws IOException {
        Path recording = options.work().resolve(name).toAbsolutePath();
        Files.deleteIfExists(recording);
        server.jcmd("JFR.dump", "name=bench", "filename=" + recording);
        return recording;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private StartUp timeStartUps(String body) throws IOException {
        List<Duration> ceiling = new ArrayList<>();
        List<Duration> receiver = new ArrayList<>();
        for (int i = 0; i < options.startups(); i++) {
            // the order alternates, so that neither WAR always gets the colder start
            if (i % 2 == 0) {
                ceiling.add(startUp(options.ceilingWar(), CEILING.path(), null, body));
                receiver.add(startUp(options.war(), RECEIVER, oneToken(), body));
            } else {
                receiver.add(startUp(options.war(), RECEIVER, oneToken(), body));
                ceiling.add(startUp(options.ceilingWar(), CEILING.path(), null, body));
            }
            line(String.format("start-up %d: no-op WAR %.2f s, receiver WAR %.2f s (to the first 200; no Hazelcast)",
                    i + 1, seconds(ceiling.get(i)), seconds(receiver.get(i))));
        }
        return new StartUp(ceiling.stream().min(Comparator.naturalOrder()).orElseThrow(),
                receiver.stream().min(Comparator.naturalOrder()).orElseThrow());
    }

    private Duration startUp(Path war, String path, String token, String body) throws IOException {
        try (PayaraServer server = PayaraServer.start(options, war, secret, "startup")) {
            return server.awaitReady(path, token, body);
        }
    }

    private void warmUp(Endpoint endpoint, PayaraServer server, TokenPool warm, int max) throws IOException {
        double previous = -1;
        int line = 0;
        for (int chunk = 1; chunk <= max; chunk++) {
            Phase phase = wrk.run(server.port(), endpoint.path(), warm, line, true);
            requireClean(endpoint, phase);
            line = (int) ((line + phase.requests() / options.threads()) % warm.perThread());
            double rate = phase.perSecond();
            line(String.format("warm-up %-8s chunk %2d: %8.0f/s", endpoint.name(), chunk, rate));
            // a fresh server can hold a low rate for two chunks before the JIT compiles the request path: the
            // agreement counts only after the minimum
            if (chunk >= options.warmupMin() && previous > 0
                    && Math.abs(rate - previous) <= AGREEMENT * Math.max(rate, previous)) {
                return;
            }
            previous = rate;
        }
        line("warm-up " + endpoint.name() + ": no two consecutive chunks agreed within 5% in " + max
                + " chunks; measuring anyway");
    }

    private Result measure(Endpoint endpoint, PayaraServer server, int index, TokenPool warm, TokenPool fresh)
            throws IOException {
        PayaraServer.CpuTime cpuBefore = server.cpuTime();
        Instant start = Instant.now();
        Phase phase = endpoint.fresh()
                ? wrk.run(server.port(), endpoint.path(), fresh, index * options.perThreadLimit(), false)
                : wrk.run(server.port(), endpoint.path(), warm, 0, true);
        Instant end = Instant.now();
        PayaraServer.CpuTime cpuAfter = server.cpuTime();
        long cpu = cpuAfter.totalMicros() - cpuBefore.totalMicros();
        long system = cpuAfter.systemMicros() - cpuBefore.systemMicros();
        requireClean(endpoint, phase);
        if (phase.stoppedEarly()) {
            line("NOTE: a wrk thread reached the phase's request bound (or the end of its tokens) before the phase's"
                    + " end, so the rate below is a lower bound; raise -Dbench.max.rate");
        }
        long requests = Math.max(1, phase.requests());
        return new Result(endpoint.name(), index + 1, phase, (double) cpu / requests, (double) system / requests,
                server.rssBytes(), start, end);
    }

    /** One phase at one connection (one wrk thread), after the rounds: latency without queueing. */
    private Result measureOneConnection(Endpoint endpoint, PayaraServer server, TokenPool single) throws IOException {
        PayaraServer.CpuTime cpuBefore = server.cpuTime();
        Instant start = Instant.now();
        Phase phase = wrk.run(server.port(), endpoint.path(), single, 0, false, 1, 1);
        Instant end = Instant.now();
        PayaraServer.CpuTime cpuAfter = server.cpuTime();
        requireClean(endpoint, phase);
        long requests = Math.max(1, phase.requests());
        Result result = new Result(endpoint.name() + "-1c", 1, phase,
                (double) (cpuAfter.totalMicros() - cpuBefore.totalMicros()) / requests,
                (double) (cpuAfter.systemMicros() - cpuBefore.systemMicros()) / requests, server.rssBytes(), start, end);
        line(result.row() + (phase.stoppedEarly() ? "  (ran out of tokens: a lower bound)" : ""));
        return result;
    }

    private void summarizeOneConnection(List<Result> results) {
        line("");
        line("== One connection (one phase each, after the rounds) ==");
        for (Result result : results) {
            line(result.summaryRow(result.endpoint(), Double.NaN));
        }
        Result grid = results.get(1);
        Result batched = results.get(2);
        boolean met = batched.p50Millis() <= grid.p50Millis() * 1.05 && batched.p99Millis() <= grid.p99Millis() * 1.05;
        line(String.format("batches / one call at a time at one connection: p50 %.3f, p99 %.3f (target: no worse,"
                + " within 5 %%: %s)", batched.p50Millis() / grid.p50Millis(), batched.p99Millis() / grid.p99Millis(),
                met ? "met" : "NOT MET"));
    }

    private void gridRatios(List<Result> results, Endpoint endpoint, Result grid, Result memory, String what) {
        double gridThroughput = grid.perSecond() / memory.perSecond();
        double gridP99 = grid.p99Millis() / memory.p99Millis();
        line("");
        line("== Ratios: receiver with " + what + " / with the memory store ==");
        line(String.format("throughput %.3f (target >= 0.85: %s)  rounds: %s", gridThroughput,
                gridThroughput >= 0.85 ? "met" : "NOT MET",
                byRound(results, endpoint, MEMORY, r -> r.perSecond())));
        line(String.format("p99        %.3f (target <= 1.20: %s)  rounds: %s", gridP99,
                gridP99 <= 1.20 ? "met" : "NOT MET",
                byRound(results, endpoint, MEMORY, Result::p99Millis)));
        line(String.format("server CPU per request %.3f (%+.1f us a delivery)",
                grid.cpuMicrosPerRequest() / memory.cpuMicrosPerRequest(),
                grid.cpuMicrosPerRequest() - memory.cpuMicrosPerRequest()));
    }

    private void summarize(List<Result> results, Map<Endpoint, ProfileSummary> profiles, StartUp startUp) {
        Result ceiling = Result.median(results, CEILING.name());
        Result floor = Result.median(results, FLOOR.name());
        Result memory = Result.median(results, MEMORY.name());
        Result grid = Result.median(results, GRID.name());
        line("");
        line("== Figures: median of " + options.rounds() + " interleaved rounds ==");
        line(String.format("%-26s %12s %7s %7s %10s %8s %10s %8s", "endpoint", "deliveries/s", "p50 ms", "p99 ms",
                "CPU us/req", "system", "KiB/req", "RSS MiB"));
        for (Endpoint endpoint : endpoints) {
            line(Result.median(results, endpoint.name()).summaryRow(endpoint.label(),
                    allocatedKib(profiles.get(endpoint), results, endpoint)));
        }
        line("(CPU: the server process's user and system time over the phase per request; KiB/req: what its threads"
                + " allocated per request, from JFR; RSS after the endpoint's last phase)");

        gridRatios(results, GRID, grid, memory, "the data grid's store, one call at a time (JCache)");
        gridRatios(results, BATCHED, Result.median(results, BATCHED.name()), memory,
                "the data grid's store in batches (Payara's default now)");
        Result batched = Result.median(results, BATCHED.name());
        line(String.format("batches / one call at a time: throughput %.3f, p50 %.3f, p99 %.3f",
                batched.perSecond() / grid.perSecond(), batched.p50Millis() / grid.p50Millis(),
                batched.p99Millis() / grid.p99Millis()));

        double overFloor = memory.perSecond() / floor.perSecond();
        double overCeiling = memory.perSecond() / ceiling.perSecond();
        double p99 = memory.p99Millis() / ceiling.p99Millis();
        line("");
        line("== Ratios: receiver with the memory store / the floor and the ceiling ==");
        line(String.format("receiver/floor throughput   %.3f (target >= 0.90: %s)  rounds: %s", overFloor,
                overFloor >= 0.90 ? "met" : "NOT MET", byRound(results, MEMORY, FLOOR, r -> r.perSecond())));
        line(String.format("receiver/ceiling throughput %.3f (target >= 0.80: %s)  rounds: %s", overCeiling,
                overCeiling >= 0.80 ? "met" : "NOT MET", byRound(results, MEMORY, CEILING, r -> r.perSecond())));
        line(String.format("receiver/ceiling p99        %.3f (target <= 1.20: %s)", p99,
                p99 <= 1.20 ? "met" : "NOT MET"));
        line(String.format("server CPU per request: %.1f us more than the floor's, %.1f us more than the ceiling's"
                + " (the floor itself: %.3f of the ceiling's throughput, %.1f us more CPU a request)",
                memory.cpuMicrosPerRequest() - floor.cpuMicrosPerRequest(),
                memory.cpuMicrosPerRequest() - ceiling.cpuMicrosPerRequest(), floor.perSecond() / ceiling.perSecond(),
                floor.cpuMicrosPerRequest() - ceiling.cpuMicrosPerRequest()));
        double added = seconds(startUp.receiver()) - seconds(startUp.ceiling());
        line(String.format("start-up (best of %d, process start to first 200): Payara Micro with the no-op WAR %.2f s,"
                + " with the receiver's WAR %.2f s: the receiver adds %.2f s (target <= 1.00 s: %s)",
                options.startups(), seconds(startUp.ceiling()), seconds(startUp.receiver()), added,
                added <= 1.0 ? "met" : "NOT MET"));
        if (options.baselineWar() != null) {
            compareWithBaseline(results);
        }
    }

    /** The receiver of this WAR against the baseline WAR's, both with the memory store: after over before. */
    private void compareWithBaseline(List<Result> results) {
        Result before = Result.median(results, BASELINE.name());
        Result after = Result.median(results, MEMORY.name());
        line("");
        line("== The receiver after / before: this WAR against the baseline WAR " + options.baselineWar()
                + " (memory store, same rounds) ==");
        line(String.format("%-26s %12s %7s %16s", "receiver", "deliveries/s", "p99 ms", "CPU us/delivery"));
        line(String.format("%-26s %12.0f %7.2f %16.1f", "before (baseline WAR)", before.perSecond(),
                before.p99Millis(), before.cpuMicrosPerRequest()));
        line(String.format("%-26s %12.0f %7.2f %16.1f", "after (this WAR)", after.perSecond(), after.p99Millis(),
                after.cpuMicrosPerRequest()));
        line(String.format("after/before throughput %.3f  rounds: %s", after.perSecond() / before.perSecond(),
                byRound(results, MEMORY, BASELINE, Result::perSecond)));
        line(String.format("after/before p99        %.3f  rounds: %s", after.p99Millis() / before.p99Millis(),
                byRound(results, MEMORY, BASELINE, Result::p99Millis)));
        line(String.format("after/before CPU per delivery %.3f (%+.1f us a delivery)  rounds: %s",
                after.cpuMicrosPerRequest() / before.cpuMicrosPerRequest(),
                after.cpuMicrosPerRequest() - before.cpuMicrosPerRequest(),
                byRound(results, MEMORY, BASELINE, Result::cpuMicrosPerRequest)));
    }

    /** One endpoint's figure over another's, round by round. */
    private static String byRound(List<Result> results, Endpoint over, Endpoint under,
            ToDoubleFunction<Result> figure) {
        List<String> ratios = new ArrayList<>();
        for (Result result : results) {
            if (result.endpoint().equals(over.name())) {
                results.stream()
                        .filter(other -> other.endpoint().equals(under.name()) && other.round() == result.round())
                        .findFirst().ifPresent(other -> ratios.add(
                                String.format("%.3f", figure.applyAsDouble(result) / figure.applyAsDouble(other))));
            }
        }
        return String.join(", ", ratios);
    }

    /** KiB the server allocated per request in the endpoint's measured phases; NaN without a profile. */
    private static double allocatedKib(ProfileSummary profile, List<Result> results, Endpoint endpoint) {
        if (profile == null) {
            return Double.NaN;
        }
        return profile.allocationRate(windows(results, endpoint)) / overallRate(results, endpoint) / 1024;
    }

    private static double overallRate(List<Result> results, Endpoint endpoint) {
        List<Result> mine = results.stream().filter(result -> result.endpoint().equals(endpoint.name())).toList();
        return mine.stream().mapToLong(result -> result.phase().requests()).sum() * 1e6
                / Math.max(1, mine.stream().mapToLong(result -> result.phase().durationMicros()).sum());
    }

    private void printProfile(Endpoint endpoint, ProfileSummary profile, List<Result> results) {
        long requests = results.stream().filter(result -> result.endpoint().equals(endpoint.name()))
                .mapToLong(result -> result.phase().requests()).sum();
        line("");
        line(String.format("== Profile of %s over its measured phases (JFR): %d CPU samples; the server allocated"
                + " %.1f KiB a request; %d GCs, %.0f ms of pauses, the collector's threads used %.1f us of CPU a"
                + " request ==", endpoint.label(), profile.samples(), allocatedKib(profile, results, endpoint),
                profile.gcCount(), profile.gcPauseMillis(), profile.gcCpuMillis() * 1000 / Math.max(1, requests)));
        profile.layers().forEach((layer, share) -> line(String.format("  %5.1f%%  %s", share, layer)));
        line("  threads the samples fell on (digits as #):");
        profile.threads(8).forEach((thread, share) -> line(String.format("  %5.1f%%  %s", share, thread)));
        double cpu = Result.median(results, endpoint.name()).cpuMicrosPerRequest();
        line("  the threads' CPU, user and system (JFR's thread CPU load), and that share of the server's CPU a"
                + " request:");
        profile.threadCpu(8).forEach((thread, share) -> line(String.format("  %5.1f%%  %6.1f us  %s", share,
                share * cpu / 100, thread)));
        if (!profile.receiverMethods(1).isEmpty()) {
            line("  the WAR's own methods (org.dialoghook), with all they call:");
            profile.receiverMethods(14).forEach((method, share) -> line(String.format("  %5.1f%%  %s", share, method)));
        }
        if (!profile.gridPackages(1).isEmpty()) {
            line("  the data grid's packages (com.hazelcast), share of samples with one of its frames anywhere:");
            profile.gridPackages(14).forEach((name, share) -> line(String.format("  %5.1f%%  %s", share, name)));
            line("  the data grid's innermost method in each sample that has one:");
            profile.gridTopMethods(12).forEach((name, share) -> line(String.format("  %5.1f%%  %s", share, name)));
        }
        line("  methods most often on top of the stack:");
        profile.topMethods(12).forEach((method, share) -> line(String.format("  %5.1f%%  %s", share, method)));
    }

    /** The measured phases' windows beside the recordings, for reading them with other tools ({@code jfr print}). */
    private static void writePhases(List<Result> results, Path file) throws IOException {
        boolean baseline = results.stream().anyMatch(result -> result.endpoint().equals(BASELINE.name()));
        StringBuilder lines = new StringBuilder("# endpoint round start end (UTC); grid: server-grid.jfr, batched: server-batched.jfr, "
                + (baseline ? "baseline: server-baseline.jfr, " : "") + "else server.jfr\n");
        results.forEach(result -> lines.append(result.endpoint()).append(' ').append(result.round()).append(' ')
                .append(result.start()).append(' ').append(result.end()).append('\n'));
        Files.writeString(file, lines, StandardCharsets.UTF_8);
    }

    private static List<Instant[]> windows(List<Result> results, Endpoint endpoint) {
        return results.stream().filter(result -> result.endpoint().equals(endpoint.name()))
                .map(result -> new Instant[] {result.start(), result.end()}).toList();
    }

    private static void requireClean(Endpoint endpoint, Phase phase) throws IOException {
        if (phase.statusErrors() > 0 || phase.socketErrors() > 0) {
            throw new IOException(endpoint.label() + ": " + phase.statusErrors() + " error answers and "
                    + phase.socketErrors() + " socket errors in a phase; the benchmark measures successful deliveries"
                    + " only (see the server logs under target/bench/load)");
        }
    }

    private String oneToken() {
        return DeliverySigner.withSecret(secret).handler("echo").formValue("name", "Ada").formValue("city", "Zürich")
                .sign().token();
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private record StartUp(Duration ceiling, Duration receiver) {
    }

    /**
     * One endpoint the rounds drive.
     *
     * @param name its short name in the rows and in phases.txt
     * @param label its name in the figures and the profiles
     * @param path the request path
     * @param fresh whether every measured request carries a token never sent to that server before
     */
    private record Endpoint(String name, String label, String path, boolean fresh) {

        /** The same endpoint on the server of another one, for its warm-up. */
        Endpoint on(Endpoint server) {
            return new Endpoint(server.name() + "-" + name, label + " on the " + server.name() + " server", path,
                    fresh);
        }
    }

    /**
     * One measured phase.
     *
     * @param endpoint the endpoint's name
     * @param round the round
     * @param phase what wrk measured
     * @param cpuMicrosPerRequest the server's CPU time over the phase, per request
     * @param systemMicrosPerRequest the part of it spent in the kernel, per request
     * @param rssBytes the server's RSS after the phase
     * @param start when the phase began
     * @param end when it ended
     */
    record Result(String endpoint, int round, Phase phase, double cpuMicrosPerRequest, double systemMicrosPerRequest,
            long rssBytes, Instant start, Instant end) {

        double perSecond() {
            return phase.perSecond();
        }

        double p50Millis() {
            return phase.p50Micros() / 1000.0;
        }

        double p99Millis() {
            return phase.p99Micros() / 1000.0;
        }

        String row() {
            return String.format("round %d %-8s %8.0f deliveries/s  p50 %6.2f ms  p99 %6.2f ms  %6.1f us CPU/req"
                    + " (%5.1f system)  RSS %4.0f MiB", round, endpoint, perSecond(), p50Millis(), p99Millis(),
                    cpuMicrosPerRequest, systemMicrosPerRequest, mib(rssBytes));
        }

        String summaryRow(String label, double allocatedKib) {
            return String.format("%-26s %12.0f %7.2f %7.2f %10.1f %8.1f %10s %8.0f", label, perSecond(), p50Millis(),
                    p99Millis(), cpuMicrosPerRequest, systemMicrosPerRequest,
                    Double.isNaN(allocatedKib) ? "n/a" : String.format("%.1f", allocatedKib), mib(rssBytes));
        }

        /** The median of each figure over the rounds of one endpoint; the RSS is the one after its last phase. */
        static Result median(List<Result> results, String endpoint) {
            List<Result> mine = results.stream().filter(result -> result.endpoint.equals(endpoint)).toList();
            long rss = mine.get(mine.size() - 1).rssBytes;
            Phase median = new Phase(
                    (long) median(mine, r -> r.phase.requests()), (long) median(mine, r -> r.phase.durationMicros()),
                    (long) median(mine, r -> r.phase.p50Micros()), (long) median(mine, r -> r.phase.p99Micros()),
                    0, 0, 0, false);
            // deliveries/s is the median of the phases' rates, not a rate of medians
            double rate = median(mine, Result::perSecond);
            Phase rated = new Phase(Math.round(rate * median.durationMicros() / 1_000_000.0), median.durationMicros(),
                    median.p50Micros(), median.p99Micros(), 0, 0, 0, false);
            return new Result(endpoint, 0, rated, median(mine, Result::cpuMicrosPerRequest),
                    median(mine, Result::systemMicrosPerRequest), rss, null, null);
        }

        private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
            double[] values = results.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }
}
