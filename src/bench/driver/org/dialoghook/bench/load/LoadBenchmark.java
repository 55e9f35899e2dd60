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
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.dialoghook.bench.load.Wrk.Phase;
import org.dialoghook.testkit.DeliverySigner;

/**
 * The load benchmark ({@code mvn -Pbench verify}): times the start-up of Payara Micro with the no-op WAR and
 * with the receiver's WAR, then starts the receiver's WAR, warms it up until two consecutive chunks agree,
 * drives the receiver ({@code POST /webhook}, every request with its own token, answered by the echo handler)
 * and the ceiling ({@code POST /noop}, same request bytes, no work) in interleaved phases, and prints each
 * one's figures and the ratios receiver/ceiling. A third endpoint ({@code POST /floor}: the no-op plus jose4j
 * verifying the token) shows what the JWT alone costs on this server. Load goes to 127.0.0.1 only; every phase is bounded in time
 * and count; the server it started is stopped at the end.
 */
public final class LoadBenchmark {

    private static final String RECEIVER = "/webhook";
    private static final String CEILING = "/noop";
    private static final String FLOOR = "/floor";
    private static final double AGREEMENT = 0.05;

    private final Options options;
    private final Wrk wrk;
    private final String secret;
    private final StringBuilder report = new StringBuilder();

    private LoadBenchmark(Options options, Wrk wrk, String secret) {
        this.options = options;
        this.wrk = wrk;
        this.secret = secret;
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
        line("server: -Xmx" + options.heap() + ", default GC, HTTP on 127.0.0.1 only; wrk: " + options.threads()
                + " threads, " + options.connections() + " connections, " + options.phaseSeconds() + " s phases, at most "
                + options.perThreadLimit() * options.threads() + " requests a phase");

        long signing = System.nanoTime();
        Path pools = options.work().resolve("tokens");
        TokenPool warm = TokenPool.sign(secret, pools, "warmup", options.threads(), options.warmupPool());
        int measured = options.rounds();
        TokenPool fresh = TokenPool.sign(secret, pools, "fresh", options.threads(), options.perThreadLimit() * measured);
        line(String.format("tokens: %d signed in %.1f s (a fresh one for every measured receiver request; the warm-up"
                + " and the ceiling cycle through %d)", (long) (warm.perThread() + fresh.perThread()) * options.threads(),
                (System.nanoTime() - signing) / 1e9, warm.perThread() * options.threads()));
        String body = Files.readString(warm.body(), StandardCharsets.UTF_8);

        StartUp startUp = timeStartUps(body);

        List<Result> results = new ArrayList<>();
        Map<String, ProfileSummary> profiles = new java.util.LinkedHashMap<>();
        try (PayaraServer server = PayaraServer.start(options, options.war(), secret, "receiver")) {
            server.awaitReady(RECEIVER, oneToken(), body);
            line(String.format("server ready on 127.0.0.1:%d, RSS %.0f MiB idle", server.port(), mib(server.rssBytes())));
            warmUp(server, RECEIVER, warm);
            warmUp(server, CEILING, warm);
            warmUp(server, FLOOR, warm);
            for (int round = 0; round < options.rounds(); round++) {
                List<String> order = round % 2 == 0 ? List.of(CEILING, FLOOR, RECEIVER) : List.of(RECEIVER, FLOOR, CEILING);
                for (String path : order) {
                    Result result = measure(server, path, round, warm, fresh);
                    results.add(result);
                    line(result.row());
                }
            }
            if (options.profile()) {
                Path recording = options.work().resolve("server.jfr").toAbsolutePath();
                Files.deleteIfExists(recording);
                server.jcmd("JFR.dump", "name=bench", "filename=" + recording);
                writePhases(results, options.work().resolve("phases.txt"));
                for (String path : List.of(RECEIVER, FLOOR, CEILING)) {
                    profiles.put(path, ProfileSummary.read(recording, windows(results, path)));
                }
            }
        }
        summarize(results, startUp);
        profiles.forEach((path, profile) -> printProfile(path, profile, results));
        line("load average after: " + MachineInfo.loadAverage());
        Path file = options.work().resolve("results.txt");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println("(also written to " + file + ")");
    }

    private StartUp timeStartUps(String body) throws IOException {
        List<Duration> ceiling = new ArrayList<>();
        List<Duration> receiver = new ArrayList<>();
        for (int i = 0; i < options.startups(); i++) {
            // the order alternates, so that neither WAR always gets the colder start
            if (i % 2 == 0) {
                ceiling.add(startUp(options.ceilingWar(), CEILING, null, body));
                receiver.add(startUp(options.war(), RECEIVER, oneToken(), body));
            } else {
                receiver.add(startUp(options.war(), RECEIVER, oneToken(), body));
                ceiling.add(startUp(options.ceilingWar(), CEILING, null, body));
            }
            line(String.format("start-up %d: no-op WAR %.2f s, receiver WAR %.2f s (to the first 200)", i + 1,
                    seconds(ceiling.get(i)), seconds(receiver.get(i))));
        }
        return new StartUp(ceiling.stream().min(Comparator.naturalOrder()).orElseThrow(),
                receiver.stream().min(Comparator.naturalOrder()).orElseThrow());
    }

    private Duration startUp(Path war, String path, String token, String body) throws IOException {
        try (PayaraServer server = PayaraServer.start(options, war, secret, "startup")) {
            return server.awaitReady(path, token, body);
        }
    }

    private void warmUp(PayaraServer server, String path, TokenPool warm) throws IOException {
        double previous = -1;
        int line = 0;
        for (int chunk = 1; chunk <= options.warmupMax(); chunk++) {
            Phase phase = wrk.run(server.port(), path, warm, line, true);
            requireClean(path, phase);
            line = (int) ((line + phase.requests() / options.threads()) % warm.perThread());
            double rate = phase.perSecond();
            line(String.format("warm-up %-8s chunk %2d: %8.0f/s", path, chunk, rate));
            // a fresh server can hold a low rate for two chunks before the JIT compiles the request path: the
            // agreement counts only after the minimum
            if (chunk >= options.warmupMin() && previous > 0
                    && Math.abs(rate - previous) <= AGREEMENT * Math.max(rate, previous)) {
                return;
            }
            previous = rate;
        }
        line("warm-up " + path + ": no two consecutive chunks agreed within 5% in " + options.warmupMax()
                + " chunks; measuring anyway");
    }

    private Result measure(PayaraServer server, String path, int index, TokenPool warm, TokenPool fresh)
            throws IOException {
        PayaraServer.CpuTime cpuBefore = server.cpuTime();
        Instant start = Instant.now();
        Phase phase = path.equals(RECEIVER)
                ? wrk.run(server.port(), path, fresh, index * options.perThreadLimit(), false)
                : wrk.run(server.port(), path, warm, 0, true);
        Instant end = Instant.now();
        PayaraServer.CpuTime cpuAfter = server.cpuTime();
        long cpu = cpuAfter.totalMicros() - cpuBefore.totalMicros();
        long system = cpuAfter.systemMicros() - cpuBefore.systemMicros();
        requireClean(path, phase);
        if (phase.stoppedEarly()) {
            line("NOTE: a wrk thread reached the phase's request bound (or the end of its tokens) before the phase's"
                    + " end, so the rate below is a lower bound; raise -Dbench.max.rate");
        }
        long requests = Math.max(1, phase.requests());
        return new Result(path, index + 1, phase, (double) cpu / requests, (double) system / requests,
                server.rssBytes(), start, end);
    }

    private void summarize(List<Result> results, StartUp startUp) {
        Result ceiling = Result.median(results, CEILING);
        Result receiver = Result.median(results, RECEIVER);
        Result floor = Result.median(results, FLOOR);
        line("");
        line("== Figures: median of " + options.rounds() + " interleaved rounds ==");
        line(String.format("%-18s %14s %9s %9s %17s %12s %14s", "endpoint", "deliveries/s", "p50 ms", "p99 ms",
                "server CPU us/req", "of it system", "RSS after MiB"));
        line(ceiling.summaryRow("ceiling  " + CEILING));
        line(floor.summaryRow("jose4j   " + FLOOR));
        line(receiver.summaryRow("receiver " + RECEIVER));
        double throughput = receiver.perSecond() / ceiling.perSecond();
        double p99 = receiver.p99Millis() / ceiling.p99Millis();
        line("");
        line("== Ratios receiver/ceiling ==");
        line(String.format("throughput %.3f (target >= 0.90: %s)", throughput, throughput >= 0.90 ? "met" : "NOT MET"));
        line(String.format("p99        %.3f (target <= 1.20: %s)", p99, p99 <= 1.20 ? "met" : "NOT MET"));
        line(String.format("server CPU per request %.3f (%.1f us more per delivery)",
                receiver.cpuMicrosPerRequest() / ceiling.cpuMicrosPerRequest(),
                receiver.cpuMicrosPerRequest() - ceiling.cpuMicrosPerRequest()));
        line(String.format("(for scale: %s, the no-op endpoint plus jose4j verifying the token and nothing else, reaches"
                + " %.3f of the ceiling's throughput and uses %.1f us more server CPU a request)", FLOOR,
                floor.perSecond() / ceiling.perSecond(), floor.cpuMicrosPerRequest() - ceiling.cpuMicrosPerRequest()));
        double added = seconds(startUp.receiver()) - seconds(startUp.ceiling());
        line(String.format("start-up (best of %d, process start to first 200): Payara Micro with the no-op WAR %.2f s,"
                + " with the receiver's WAR %.2f s: the receiver adds %.2f s (target <= 1.00 s: %s)",
                options.startups(), seconds(startUp.ceiling()), seconds(startUp.receiver()), added,
                added <= 1.0 ? "met" : "NOT MET"));
    }

    private void printProfile(String path, ProfileSummary profile, List<Result> results) {
        List<Result> mine = results.stream().filter(result -> result.path().equals(path)).toList();
        double perSecond = mine.stream().mapToLong(result -> result.phase().requests()).sum() * 1e6
                / mine.stream().mapToLong(result -> result.phase().durationMicros()).sum();
        line("");
        long requests = mine.stream().mapToLong(result -> result.phase().requests()).sum();
        line(String.format("== Profile of %s over its measured phases (JFR): %d CPU samples; the server allocated"
                + " %.1f KiB a request; %d GCs, %.0f ms of pauses, the collector's threads used %.1f us of CPU a"
                + " request ==", path, profile.samples(),
                profile.allocationRate(windows(results, path)) / perSecond / 1024, profile.gcCount(),
                profile.gcPauseMillis(), profile.gcCpuMillis() * 1000 / Math.max(1, requests)));
        profile.layers().forEach((layer, share) -> line(String.format("  %5.1f%%  %s", share, layer)));
        if (!profile.receiverMethods(1).isEmpty()) {
            line("  the WAR's own methods (org.dialoghook), with all they call:");
            profile.receiverMethods(14).forEach((method, share) -> line(String.format("  %5.1f%%  %s", share, method)));
        }
        line("  methods most often on top of the stack:");
        profile.topMethods(12).forEach((method, share) -> line(String.format("  %5.1f%%  %s", share, method)));
    }

    /** The measured phases' windows beside the recording, for reading it with other tools ({@code jfr print}). */
    private static void writePhases(List<Result> results, Path file) throws IOException {
        StringBuilder lines = new StringBuilder("# endpoint round start end (UTC)\n");
        results.forEach(result -> lines.append(result.path()).append(' ').append(result.round()).append(' ')
                .append(result.start()).append(' ').append(result.end()).append('\n'));
        Files.writeString(file, lines, StandardCharsets.UTF_8);
    }

    private static List<Instant[]> windows(List<Result> results, String path) {
        return results.stream().filter(result -> result.path().equals(path))
                .map(result -> new Instant[] {result.start(), result.end()}).toList();
    }

    private static void requireClean(String path, Phase phase) throws IOException {
        if (phase.statusErrors() > 0 || phase.socketErrors() > 0) {
            throw new IOException(path + ": " + phase.statusErrors() + " error answers and " + phase.socketErrors()
                    + " socket errors in a phase; the benchmark measures successful deliveries only (see the server log"
                    + " under target/bench/load)");
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
     * One measured phase.
     *
     * @param path the endpoint
     * @param round the round
     * @param phase what wrk measured
     * @param cpuMicrosPerRequest the server's CPU time over the phase, per request
     * @param systemMicrosPerRequest the part of it spent in the kernel, per request
     * @param rssBytes the server's RSS after the phase
     * @param start when the phase began
     * @param end when it ended
     */
    record Result(String path, int round, Phase phase, double cpuMicrosPerRequest, double systemMicrosPerRequest,
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
                    + " (%5.1f system)  RSS %4.0f MiB", round, path, perSecond(), p50Millis(), p99Millis(),
                    cpuMicrosPerRequest, systemMicrosPerRequest, mib(rssBytes));
        }

        String summaryRow(String label) {
            return String.format("%-18s %14.0f %9.2f %9.2f %17.1f %12.1f %14.0f", label, perSecond(), p50Millis(),
                    p99Millis(), cpuMicrosPerRequest, systemMicrosPerRequest, mib(rssBytes));
        }

        /** The median of each figure over the rounds of one endpoint; the RSS is the one after its last phase. */
        static Result median(List<Result> results, String path) {
            List<Result> mine = results.stream().filter(result -> result.path.equals(path)).toList();
            long rss = mine.get(mine.size() - 1).rssBytes;
            Phase median = new Phase(
                    (long) median(mine, r -> r.phase.requests()), (long) median(mine, r -> r.phase.durationMicros()),
                    (long) median(mine, r -> r.phase.p50Micros()), (long) median(mine, r -> r.phase.p99Micros()),
                    0, 0, 0, false);
            // deliveries/s is the median of the phases' rates, not a rate of medians
            double rate = median(mine, Result::perSecond);
            Phase rated = new Phase(Math.round(rate * median.durationMicros() / 1_000_000.0), median.durationMicros(),
                    median.p50Micros(), median.p99Micros(), 0, 0, 0, false);
            return new Result(path, 0, rated, median(mine, Result::cpuMicrosPerRequest),
                    median(mine, Result::systemMicrosPerRequest), rss, null, null);
        }

        private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
            double[] values = results.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }
}
