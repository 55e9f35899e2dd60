package org.dialoghook.it.soak;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dialoghook.it.PayaraMicroProcess;
import org.dialoghook.it.PrometheusText;
import org.dialoghook.it.WebhookIT;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * The fault and soak run: concurrent senders post signed deliveries to one Payara Micro process on loopback for
 * a bounded time, while the test handlers throw, miss their deadline or are slow in a given share of deliveries,
 * and the server is restarted once a third of the way through. It counts what came back and prints a report;
 * the caller ({@code SoakIT}) asserts the hard rules on it.
 *
 * <p>Every loop here is bounded in count and in time, every request has a timeout, and every server started is
 * stopped in a {@code finally}. The servers' output goes to {@code <work>/server-<n>.log}, outside the
 * Failsafe reports, and is searched here for the secret and every token signature sent.
 */
public final class SoakRun {

    /** How a run's settings are named as system properties (all optional). */
    public static final String PREFIX = "soak.";

    private static final String FALLBACK_BLOCK = "5a0a1d5e5a0a1d5e5a0a1d5e";
    private static final Set<Integer> DOCUMENTED_ERRORS = Set.of(400, 401, 404, 405, 406, 409, 413, 415, 500, 503, 504);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SERVER_START = Duration.ofSeconds(240);
    private static final Duration SERVER_STOP = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final long BACKOFF_MILLIS = 100;
    private static final int MAX_DELIVERIES_PER_SENDER = 1_000_000;
    private static final int SIGNATURE_LENGTH = 43;
    private static final Pattern READY = Pattern.compile("Payara Micro (\\S+) \\(build \\d+\\) ready in ([\\d,.]+) \\(ms\\)");

    private final Settings settings;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final Set<String> signatures = ConcurrentHashMap.newKeySet();
    private final AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstAnswerAfterRestart = new AtomicLong(Long.MAX_VALUE);
    private final List<Path> logs = new ArrayList<>();
    private final long origin = System.nanoTime();
    private URI webhook;

    private SoakRun(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs the soak: starts the server, warms it up, measures, sends load with one restart, measures again,
     * stops the server and searches its output.
     *
     * @param settings senders, duration, fault mix and the rest
     * @return the report, also printed to standard output and written to {@code <work>/report.txt}
     * @throws Exception when the run itself cannot be carried out (the server does not start, say)
     */
    public static Report run(Settings settings) throws Exception {
        return new SoakRun(settings).execute();
    }

    private Report execute() throws Exception {
        Files.createDirectories(settings.work());
        File war = settings.work().resolve("soak.war").toFile();
        WebhookIT.receiver("soak", Map.of(
                        "dialoghook.secret", WebhookIT.SECRET,
                        "dialoghook.handler.timeout", settings.deadline().toString(),
                        "dialoghook.handlers." + FaultEjbHandler.NAME + ".fallback-block", FALLBACK_BLOCK),
                Fault.class, FaultHandler.class, FaultEjbHandler.class)
                .as(ZipExporter.class).exportTo(war, true);
        int port = PayaraMicroProcess.freePort();
        webhook = URI.create("http://localhost:" + port + "/webhook");
        double loadAtStart = loadAverage();
        RestartingServer server = new RestartingServer(start(war, port), war, port);
        Phase warmUp = null;
        Phase load = null;
        Snapshot before = null;
        Snapshot after = null;
        Restart restart = null;
        try {
            server.current.awaitReady(SERVER_START);
            warmUp = new Phase("warm-up", now(), now() + settings.warmUp().toNanos());
            send(warmUp, null);
            before = snapshot(server.current);
            load = new Phase("load", now(), now() + settings.duration().toNanos());
            restart = send(load, server);
            after = restart.windowClosed() ? snapshot(server.current) : null;
        } finally {
            server.current.close();
        }
        Report report = new Report(settings, List.copyOf(sent), warmUp == null ? null : warmUp.length(),
                load == null ? null : load.length(), restart, before, after,
                loadAtStart, loadAverage(), serverFacts(), searchLogs());
        String text = report.text();
        System.out.println(text);
        Files.writeString(settings.work().resolve("report.txt"), text, StandardCharsets.UTF_8);
        return report;
    }

    private PayaraMicroProcess start(File war, int port) throws IOException {
        Path log = settings.work().resolve("server-" + (logs.size() + 1) + ".log");
        logs.add(log);
        List<String> options = new ArrayList<>(List.of("--nocluster"));
        Path loopback = Path.of("server-config", "payara-micro", "loopback.asadmin");
        if (settings.openAfterDeploy()) {
            Path preBoot = settings.work().resolve("pre-boot.asadmin");
            Files.writeString(preBoot, Files.readString(loopback) + "\n"
                    + Files.readString(Path.of("server-config", "payara-micro", "closed-until-deployed.asadmin")));
            options.addAll(List.of("--prebootcommandfile", preBoot.toString(), "--postdeploycommandfile",
                    Path.of("server-config", "payara-micro", "open-after-deploy.asadmin").toString()));
        } else {
            options.addAll(List.of("--prebootcommandfile", loopback.toString()));
        }
        return PayaraMicroProcess.start(war, port, log, options);
    }

    /**
     * Sends deliveries from every sender until the phase ends; with a server to restart, restarts it a third of
     * the way through and keeps sending until a third of the duration after the restarted server answered.
     */
    private Restart send(Phase phase, RestartingServer restarting) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(settings.senders());
        Restart restart = null;
        try {
            for (int i = 0; i < settings.senders(); i++) {
                Random random = new Random(settings.seed() * 31 + i + phase.name().hashCode());
                senders.execute(() -> sendUntilEnd(phase, random));
            }
            if (restarting != null) {
                restart = restarting.restartAt(phase.start() + settings.duration().toNanos() / 3, phase);
            }
        } finally {
            senders.shutdown();
            long longest = Math.max(phase.end() - now(), 0) + REQUEST_TIMEOUT.toNanos() + TimeUnit.SECONDS.toNanos(30);
            if (!senders.awaitTermination(longest, TimeUnit.NANOSECONDS)) {
                senders.shutdownNow();
            }
        }
        phase.finish(now());
        return restart;
    }

    private void sendUntilEnd(Phase phase, Random random) {
        String[] handlers = {FaultHandler.NAME, FaultEjbHandler.NAME};
        for (int i = 0; i < MAX_DELIVERIES_PER_SENDER && now() < phase.end(); i++) {
            String handler = handlers[random.nextInt(handlers.length)];
            Fault fault = settings.draw(random);
            long millis = switch (fault) {
                case LATE -> settings.deadline().toMillis() + 500;
                case SLOW -> settings.deadline().toMillis() * 3 / 10;
                default -> 0;
            };
            SignedDelivery delivery = DeliverySigner.withSecret(WebhookIT.SECRET).handler(handler)
                    .formValue(Fault.FIELD, fault.formValue()).formValue(Fault.MILLIS, String.valueOf(millis)).sign();
            String token = delivery.token();
            signatures.add(token.substring(token.lastIndexOf('.') + 1));
            Sent result = post(phase, handler, fault, delivery);
            sent.add(result);
            if (result.status() == 200 && result.start() >= stoppedAt.get()) {
                firstAnswerAfterRestart.accumulateAndGet(result.end(), Math::min);
            }
            if (result.outcome() != Outcome.DOCUMENTED) {
                sleep(BACKOFF_MILLIS);
            }
        }
    }

    private Sent post(Phase phase, String handler, Fault fault, SignedDelivery delivery) {
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        long start = now();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Optional<String> undocumented = undocumented(response);
            return new Sent(phase.name(), handler, fault, start, now(), response.statusCode(),
                    undocumented.isPresent() ? Outcome.UNDOCUMENTED : Outcome.DOCUMENTED, undocumented.orElse(null));
        } catch (IOException e) {
            Outcome outcome = classify(e);
            return new Sent(phase.name(), handler, fault, start, now(), -1, outcome,
                    outcome == Outcome.CUT ? e.getClass().getSimpleName() : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(phase.name(), handler, fault, start, now(), -1, Outcome.CUT, "interrupted");
        }
    }

    private static Outcome classify(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException) {
                return Outcome.TIMED_OUT;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return Outcome.REFUSED;
            }
        }
        return Outcome.CUT;
    }

    /**
     * Whether a reply is one docs/errors.md promises: 200 with a JSON object holding {@code blocks}, or a
     * documented error status with a problem+json body carrying type, title, status and detail.
     *
     * @return empty when documented, else a short description of what came instead
     */
    static Optional<String> undocumented(HttpResponse<String> response) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        String what = status + " " + (type.isEmpty() ? "without Content-Type" : type)
                + (response.body().isEmpty() ? ", empty body" : "");
        Optional<JsonObject> body = jsonObject(response.body());
        if (status == 200) {
            boolean blocks = type.startsWith("application/json") && body.isPresent()
                    && body.get().get("blocks") instanceof JsonArray;
            return blocks ? Optional.empty() : Optional.of(what);
        }
        boolean knownStatus = DOCUMENTED_ERRORS.contains(status) || (status >= 400 && status < 500);
        if (!knownStatus || !type.startsWith("application/problem+json") || body.isEmpty()) {
            return Optional.of(what);
        }
        JsonObject problem = body.get();
        boolean complete = problem.getString("type", "").startsWith("urn:dialoghook:problem:")
                && !problem.getString("title", "").isBlank()
                && !problem.getString("detail", "").isBlank()
                && problem.get("status") instanceof JsonNumber number && number.intValue() == status
                && (DOCUMENTED_ERRORS.contains(status) || problem.getString("type").endsWith(":client-error"));
        return complete ? Optional.empty() : Optional.of(what + ", incomplete problem");
    }

    private static Optional<JsonObject> jsonObject(String text) {
        try {
            JsonValue value = Json.createReader(new StringReader(text)).readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Heap in use after a forced full GC, and live threads, as the server's MicroProfile Metrics report them. */
    private Snapshot snapshot(PayaraMicroProcess server) throws IOException, InterruptedException {
        Thread.sleep(QUIET.toMillis());
        boolean collected = forceGc(server.pid());
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(server.uri("/metrics?scope=base"))
                .timeout(REQUEST_TIMEOUT).header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        PrometheusText base = new PrometheusText(metrics.body());
        return new Snapshot((long) base.value("memory_usedHeap_bytes").orElse(-1),
                (long) base.value("thread_count").orElse(-1), collected);
    }

    private static boolean forceGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        }
        return process.exitValue() == 0;
    }

    private String serverFacts() throws IOException {
        List<String> facts = new ArrayList<>();
        for (Path log : logs) {
            Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
            facts.add(ready.find() ? "Payara Micro " + ready.group(1) + " ready in " + ready.group(2) + " ms"
                    : "Payara Micro (no ready line)");
        }
        return String.join("; ", facts);
    }

    /** How many times the secret or a token signature appears in the servers' output. */
    private LogSearch searchLogs() throws IOException {
        long bytes = 0;
        int found = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            found += occurrences(text, WebhookIT.SECRET);
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean base64url = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
                run = base64url ? run + 1 : 0;
                if (run >= SIGNATURE_LENGTH && signatures.contains(text.substring(i + 1 - SIGNATURE_LENGTH, i + 1))) {
                    found++;
                }
            }
        }
        return new LogSearch(logs.size(), bytes, signatures.size(), found);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server under load, replaced once by a new process on the same port. */
    private final class RestartingServer {

        private final File war;
        private final int port;
        private volatile PayaraMicroProcess current;

        RestartingServer(PayaraMicroProcess server, File war, int port) {
            this.current = server;
            this.war = war;
            this.port = port;
        }

        /**
         * Waits until the given time, stops the server (as configured), starts a new one on the same port,
         * waits until a sender got a 200 from it and moves the phase's end so that a third of the duration
         * still follows.
         */
        Restart restartAt(long at, Phase phase) throws Exception {
            while (now() < at && now() < phase.end()) {
                Thread.sleep(Math.max(1, Math.min(100, (at - now()) / 1_000_000)));
            }
            long signalled = now();
            if (settings.restart() == RestartMode.KILL) {
                current.kill();
            } else {
                current.signalStop();
            }
            boolean stoppedByItself = current.awaitExit(SERVER_STOP);
            long exited = now();
            stoppedAt.set(exited);
            PayaraMicroProcess next = start(war, port);
            current = next;
            long giveUp = now() + SERVER_START.toNanos();
            while (firstAnswerAfterRestart.get() == Long.MAX_VALUE && now() < giveUp && next.isAlive()) {
                phase.extendTo(now() + TimeUnit.SECONDS.toNanos(5));
                Thread.sleep(100);
            }
            long answered = firstAnswerAfterRestart.get();
            if (answered != Long.MAX_VALUE) {
                phase.extendTo(answered + settings.duration().toNanos() / 3);
            }
            return new Restart(settings.restart(), signalled, exited, stoppedByItself, answered);
        }
    }

    /** One stretch of sending. Its end may move while the server restarts. */
    private static final class Phase {

        private final String name;
        private final long start;
        private volatile long end;
        private volatile long finished;

        Phase(String name, long start, long end) {
            this.name = name;
            this.start = start;
            this.end = end;
        }

        String name() {
            return name;
        }

        long start() {
            return start;
        }

        long end() {
            return end;
        }

        synchronized void extendTo(long later) {
            end = Math.max(end, later);
        }

        void finish(long at) {
            finished = at;
        }

        Duration length() {
            return Duration.ofNanos(finished - start);
        }
    }

    /** How the server is restarted. */
    public enum RestartMode {
        /** Asked to stop (SIGTERM): Payara Micro undeploys the WAR and shuts down in order, as an operator's stop does. */
        STOP,
        /** Killed (SIGKILL): a crash; connections just end. */
        KILL
    }

    /**
     * A run's settings.
     *
     * @param senders how many senders post at once, each waiting for its reply before the next delivery
     * @param duration how long the load runs (prolonged so that a third of it follows the restart)
     * @param warmUp how long the server is warmed up before the first measurement
     * @param throwShare the share of deliveries whose handler throws
     * @param lateShare the share whose handler sleeps past the deadline
     * @param slowShare the share whose handler sleeps 30% of the deadline
     * @param deadline the handlers' deadline, {@code dialoghook.handler.timeout}
     * @param restart how the server is restarted
     * @param openAfterDeploy whether the HTTP listener opens only after the WAR is deployed
     *     ({@code server-config/payara-micro/closed-until-deployed.asadmin} and {@code open-after-deploy.asadmin})
     * @param seed the seed of the senders' random draws
     * @param work where the WAR, the servers' output and the report go
     */
    public record Settings(int senders, Duration duration, Duration warmUp, double throwShare, double lateShare,
            double slowShare, Duration deadline, RestartMode restart, boolean openAfterDeploy, long seed, Path work) {

        /**
         * Settings from the system properties {@code soak.senders}, {@code soak.duration} (ISO-8601),
         * {@code soak.warm-up}, {@code soak.throw}, {@code soak.late}, {@code soak.slow} (shares, 0.05 for 5%),
         * {@code soak.restart} ({@code stop} or {@code kill}), {@code soak.open-after-deploy} and
         * {@code soak.seed}; what is not set takes the given default or the fault mix.
         *
         * @param senders the default number of senders
         * @param duration the default duration
         * @return the settings
         */
        public static Settings fromSystemProperties(int senders, Duration duration) {
            Duration length = Duration.parse(property("duration", duration.toString()));
            Duration warmUp = length.dividedBy(5);
            warmUp = warmUp.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofSeconds(5)
                    : warmUp.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : warmUp;
            return new Settings(
                    Integer.parseInt(property("senders", String.valueOf(senders))),
                    length,
                    Duration.parse(property("warm-up", warmUp.toString())),
                    Double.parseDouble(property("throw", "0.05")),
                    Double.parseDouble(property("late", "0.02")),
                    Double.parseDouble(property("slow", "0.10")),
                    Duration.ofSeconds(1),
                    RestartMode.valueOf(property("restart", "stop").toUpperCase(Locale.ROOT)),
                    Boolean.parseBoolean(property("open-after-deploy", "true")),
                    Long.parseLong(property("seed", "20261125")),
                    Path.of(System.getProperty("dialoghook.it.work", "target"), "soak"));
        }

        private static String property(String name, String fallback) {
            String value = System.getProperty(PREFIX + name, "");
            return value.isBlank() ? fallback : value.strip();
        }

        Fault draw(Random random) {
            double draw = random.nextDouble();
            if (draw < throwShare) {
                return Fault.THROW;
            }
            if (draw < throwShare + lateShare) {
                return Fault.LATE;
            }
            return draw < throwShare + lateShare + slowShare ? Fault.SLOW : Fault.OK;
        }
    }

    /** What became of one delivery. */
    public enum Outcome {
        /** An answer docs/errors.md documents. */
        DOCUMENTED,
        /** An answer it does not: another status, or an error body that is not a complete problem+json. */
        UNDOCUMENTED,
        /** The connection was refused: nothing listened on the port. */
        REFUSED,
        /** The connection ended before an answer came (reset or closed by a server going away). */
        CUT,
        /** No answer within the request timeout: a hung request. */
        TIMED_OUT;

        boolean unanswered() {
            return this == REFUSED || this == CUT || this == TIMED_OUT;
        }
    }

    /**
     * One delivery sent.
     *
     * @param phase the phase it was sent in
     * @param handler the handler name
     * @param fault the fault asked for
     * @param start when it was sent (nanoseconds since the run began)
     * @param end when its answer or failure came
     * @param status the status, -1 when unanswered
     * @param outcome what became of it
     * @param note for an undocumented answer what came instead; for a cut connection the exception's type
     */
    public record Sent(String phase, String handler, Fault fault, long start, long end, int status, Outcome outcome,
            String note) {
    }

    /**
     * The restart.
     *
     * @param mode how the server was restarted
     * @param signalled when it was told to stop (or killed): the restart window opens
     * @param exited when its process had ended
     * @param stoppedByItself whether it stopped within the grace period (else it was killed after it)
     * @param answered when the restarted server first answered 200: the window closes; {@code Long.MAX_VALUE}
     *     when it never did
     */
    public record Restart(RestartMode mode, long signalled, long exited, boolean stoppedByItself, long answered) {

        /** @return whether the restarted server answered */
        public boolean windowClosed() {
            return answered != Long.MAX_VALUE;
        }

        boolean contains(long at) {
            return at >= signalled && at <= answered;
        }
    }

    /**
     * Heap and threads of the server after a quiet period and a forced GC.
     *
     * @param usedHeap bytes of heap in use ({@code memory.usedHeap}), -1 when not reported
     * @param threads live threads ({@code thread.count}), -1 when not reported
     * @param collected whether a full GC was forced first ({@code jcmd <pid> GC.run})
     */
    public record Snapshot(long usedHeap, long threads, boolean collected) {
    }

    /**
     * The search of the servers' output for secrets.
     *
     * @param files how many server logs were read
     * @param bytes their total size
     * @param signatures how many distinct token signatures were searched for
     * @param found how many times the secret or a signature was found
     */
    public record LogSearch(int files, long bytes, int signatures, int found) {
    }

    /**
     * The outcome of a run.
     *
     * @param settings the run's settings
     * @param sent every delivery sent, warm-up included
     * @param warmUp how long the warm-up took
     * @param load how long the load took, restart included
     * @param restart the restart (null when the run failed before it)
     * @param before heap and threads after the warm-up
     * @param after heap and threads after the load (null when the restarted server never answered)
     * @param loadAverageBefore the machine's load average when the run began
     * @param loadAverageAfter and when it ended
     * @param servers what the server logs say about version and start-up time
     * @param logSearch the search of the servers' output for secrets
     */
    public record Report(Settings settings, List<Sent> sent, Duration warmUp, Duration load, Restart restart,
            Snapshot before, Snapshot after, double loadAverageBefore, double loadAverageAfter, String servers,
            LogSearch logSearch) {

        /** @return the deliveries of the load phase (warm-up excluded) */
        public List<Sent> loadDeliveries() {
            return sent.stream().filter(delivery -> delivery.phase().equals("load")).toList();
        }

        /** @return the deliveries of the warm-up */
        public List<Sent> warmUpDeliveries() {
            return sent.stream().filter(delivery -> delivery.phase().equals("warm-up")).toList();
        }

        /**
         * @param delivery a delivery
         * @return whether its answer or failure came inside the restart window
         */
        public boolean inWindow(Sent delivery) {
            return restart != null && restart.contains(delivery.end());
        }

        /** @return load deliveries with the given outcome whose answer or failure came outside the window */
        public long outsideWindow(Outcome outcome) {
            return loadDeliveries().stream().filter(d -> d.outcome() == outcome && !inWindow(d)).count();
        }

        /** @return deliveries of any phase with the given outcome */
        public long count(Outcome outcome) {
            return sent.stream().filter(d -> d.outcome() == outcome).count();
        }

        /** @return undocumented answers that came inside the window after the stopped server's process had ended */
        public long undocumentedFromRestartedServer() {
            return loadDeliveries().stream().filter(d -> d.outcome() == Outcome.UNDOCUMENTED && inWindow(d)
                    && d.end() > restart.exited()).count();
        }

        /**
         * @param handler a handler name
         * @param fault a fault
         * @return statuses of its load deliveries answered outside the window, status to count
         */
        public Map<Integer, Long> statuses(String handler, Fault fault) {
            return loadDeliveries().stream().filter(d -> d.handler().equals(handler) && d.fault() == fault
                            && d.status() > 0 && !inWindow(d))
                    .collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting()));
        }

        /** @return the report as text */
        public String text() {
            List<Sent> load = loadDeliveries();
            StringBuilder out = new StringBuilder();
            out.append("=== Dialoghook soak run ===\n");
            out.append(String.format(Locale.ROOT, "settings: %d senders, load %s (+ warm-up %s), faults: throw %.0f%%, "
                            + "late %.0f%%, slow %.0f%%; deadline %s; one restart by %s; listener open after deploy: %s%n",
                    settings.senders(), settings.duration(), settings.warmUp(), settings.throwShare() * 100,
                    settings.lateShare() * 100, settings.slowShare() * 100, settings.deadline(),
                    settings.restart() == RestartMode.STOP ? "stop (SIGTERM)" : "kill (SIGKILL)",
                    settings.openAfterDeploy()));
            out.append(String.format(Locale.ROOT, "machine: %d cores, load average %.1f at start and %.1f at end; "
                            + "Java %s; %s; -Xmx512m%n", Runtime.getRuntime().availableProcessors(), loadAverageBefore,
                    loadAverageAfter, System.getProperty("java.version"), servers));
            if (warmUp != null) {
                out.append(String.format(Locale.ROOT, "warm-up: %d deliveries in %.1f s, per status %s%n",
                        warmUpDeliveries().size(), seconds(warmUp), perStatus(warmUpDeliveries())));
            }
            if (this.load != null) {
                out.append(String.format(Locale.ROOT, "load: %d deliveries sent in %.1f s (%.0f a second)%n",
                        load.size(), seconds(this.load), load.size() / Math.max(0.001, seconds(this.load))));
                out.append("  by outcome: ").append(byOutcome(load)).append('\n');
                out.append("  documented answers, per status: ").append(perStatus(load)).append('\n');
                for (String handler : List.of(FaultHandler.NAME, FaultEjbHandler.NAME)) {
                    out.append("  ").append(handler).append(" (outside the window):");
                    for (Fault fault : Fault.values()) {
                        out.append(' ').append(fault.formValue()).append(' ').append(statuses(handler, fault));
                    }
                    out.append('\n');
                }
                out.append(String.format(Locale.ROOT, "  undocumented answers: %d outside the restart window, %d inside it%s%n",
                        outsideWindow(Outcome.UNDOCUMENTED), load.stream().filter(d -> d.outcome() == Outcome.UNDOCUMENTED
                                && inWindow(d)).count(), undocumentedKinds(load)));
                out.append(String.format(Locale.ROOT, "  unanswered: %d outside the restart window; inside it %s%n",
                        load.stream().filter(d -> d.outcome().unanswered() && !inWindow(d)).count(),
                        unansweredInWindow(load)));
                out.append("  latency of 'ok' deliveries answered 200 outside the window: ").append(latencies(load)).append('\n');
            }
            if (restart != null) {
                out.append(String.format(Locale.ROOT, "restart window: %s; signal to exit %.1f s (%s), exit to first "
                                + "200 from the new server %s%n",
                        restart.windowClosed() ? String.format(Locale.ROOT, "%.1f s", seconds(restart.answered()
                                - restart.signalled())) : "never closed",
                        seconds(restart.exited() - restart.signalled()),
                        !restart.stoppedByItself() ? "killed after " + SERVER_STOP
                                : restart.mode() == RestartMode.KILL ? "killed" : "stopped by itself",
                        restart.windowClosed() ? String.format(Locale.ROOT, "%.1f s", seconds(restart.answered()
                                - restart.exited())) : "never"));
            }
            out.append("heap used after GC: ").append(mib(before, true)).append(" at start, ").append(mib(after, true))
                    .append(" at end; threads: ").append(mib(before, false)).append(" at start, ")
                    .append(mib(after, false)).append(" at end")
                    .append(before != null && !before.collected() ? " (no GC forced: jcmd not found)" : "").append('\n');
            out.append(String.format(Locale.ROOT, "secrecy: the secret and %d token signatures searched in %d server "
                            + "logs (%.1f MiB): %d found%n", logSearch.signatures(), logSearch.files(),
                    logSearch.bytes() / 1048576.0, logSearch.found()));
            return out.toString();
        }

        private static String perStatus(List<Sent> deliveries) {
            Map<Integer, Long> statuses = deliveries.stream().filter(d -> d.outcome() == Outcome.DOCUMENTED)
                    .collect(Collectors.groupingBy(Sent::status, TreeMap::new, Collectors.counting()));
            return statuses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", ", "{", "}"));
        }

        private String undocumentedKinds(List<Sent> load) {
            Map<String, Long> kinds = load.stream().filter(d -> d.outcome() == Outcome.UNDOCUMENTED)
                    .collect(Collectors.groupingBy(d -> (inWindow(d) ? d.end() <= restart.exited()
                                    ? "stopping server: " : "restarted server: " : "outside: ") + d.note(),
                            TreeMap::new, Collectors.counting()));
            return kinds.isEmpty() ? "" : " " + kinds;
        }

        private static String byOutcome(List<Sent> deliveries) {
            Map<Outcome, Long> counts = deliveries.stream()
                    .collect(Collectors.groupingBy(Sent::outcome, () -> new EnumMap<>(Outcome.class), Collectors.counting()));
            return Arrays.stream(Outcome.values()).map(outcome -> outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " " + counts.getOrDefault(outcome, 0L)).collect(Collectors.joining(", "));
        }

        private String unansweredInWindow(List<Sent> load) {
            Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : List.of(Outcome.REFUSED, Outcome.CUT, Outcome.TIMED_OUT)) {
                byOutcome.put(outcome, load.stream().filter(d -> d.outcome() == outcome && inWindow(d)).count());
            }
            return byOutcome.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " " + e.getValue()).collect(Collectors.joining(", "));
        }

        private String latencies(List<Sent> load) {
            long[] millis = load.stream().filter(d -> d.fault() == Fault.OK && d.status() == 200
                            && d.outcome() == Outcome.DOCUMENTED && !inWindow(d))
                    .mapToLong(d -> (d.end() - d.start()) / 1_000_000).sorted().toArray();
            if (millis.length == 0) {
                return "none";
            }
            return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", millis[millis.length / 2],
                    millis[(int) (millis.length * 0.95)], millis[(int) (millis.length * 0.99)], millis[millis.length - 1]);
        }

        private static String mib(Snapshot snapshot, boolean heap) {
            if (snapshot == null) {
                return "n/a";
            }
            long value = heap ? snapshot.usedHeap() : snapshot.threads();
            if (value < 0) {
                return "n/a";
            }
            return heap ? String.format(Locale.ROOT, "%.1f MiB", value / 1048576.0) : String.valueOf(value);
        }

        private static double seconds(long nanos) {
            return nanos / 1e9;
        }

        private static double seconds(Duration duration) {
            return duration.toNanos() / 1e9;
        }
    }
}
