package org.dialoghook.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process started by the benchmark: HTTP on a free loopback port, a bounded heap, the secret in
 * its environment (never on its command line, never in a log line), and either no Hazelcast at all or
 * Payara's data grid as it runs by default, kept to a cluster of one on 127.0.0.1 ({@link #GRID_OPTIONS}). Only
 * this process is ever stopped, by its own handle.
 */
final class PayaraServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final String REPLAY_STORE_LINE = "DH-0600 replay store: ";

    /**
     * How the grid server keeps its data grid to itself, found on Payara Micro 6.2025.10: a cluster name of its
     * own, discovery by TCP/IP whose only member is its own address, and the grid's interface 127.0.0.1. With
     * {@code --nocluster} the grid still runs (and binds its JCache provider), but Payara then ignores
     * {@code --interfaces} and the member takes the machine's network address; the Hazelcast property
     * {@code hazelcast.socket.bind.any=false} (a system property) makes it listen on that interface alone.
     * Everything else (the JCache provider, partitions, threads, the cache's size and expiry) is Payara's default.
     */
    static final String GRID_OPTIONS = "--clustername <unique> --clustermode tcpip:127.0.0.1:<port> --startport <port>"
            + " --interfaces 127.0.0.1, -Dhazelcast.socket.bind.any=false";

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final Path log;

    private PayaraServer(Process process, int port, long startedNanos, Path log) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /**
     * Starts Payara Micro with one WAR at the context root, without Hazelcast.
     *
     * @param options the benchmark's options
     * @param war the WAR
     * @param secret the default bot's secret
     * @param name a name for the server's root directory and log
     * @return the running (not yet ready) server
     * @throws IOException when it cannot be started
     */
    static PayaraServer start(Options options, Path war, String secret, String name) throws IOException {
        return start(options, war, secret, name, false);
    }

    /**
     * Starts Payara Micro with one WAR at the context root.
     *
     * @param options the benchmark's options
     * @param war the WAR
     * @param secret the default bot's secret
     * @param name a name for the server's root directory and log
     * @param grid whether Payara's data grid runs (a cluster of one, on loopback) or Hazelcast is off
     * @return the running (not yet ready) server
     * @throws IOException when it cannot be started
     */
    static PayaraServer start(Options options, Path war, String secret, String name, boolean grid) throws IOException {
        return start(options, war, secret, name, grid, java.util.Map.of());
    }

    /**
     * Starts Payara Micro with one WAR at the context root, with settings of the receiver in its environment.
     *
     * @param options the benchmark's options
     * @param war the WAR
     * @param secret the default bot's secret
     * @param name a name for the server's root directory and log
     * @param grid whether Payara's data grid runs (a cluster of one, on loopback) or Hazelcast is off
     * @param settings environment variables of receiver settings, such as {@code DIALOGHOOK_REPLAY_GRID_BATCHING}
     * @return the running (not yet ready) server
     * @throws IOException when it cannot be started
     */
    static PayaraServer start(Options options, Path war, String secret, String name, boolean grid,
            java.util.Map<String, String> settings) throws IOException {
        return start(options, war, secret, name, grid, settings, List.of());
    }

    /**
     * Starts Payara Micro with one WAR at the context root and more of Payara Micro's options.
     *
     * @param options the benchmark's options
     * @param war the WAR
     * @param secret the default bot's secret
     * @param name a name for the server's root directory and log
     * @param grid whether Payara's data grid runs (a cluster of one, on loopback) or Hazelcast is off
     * @param settings environment variables of receiver settings, such as {@code DIALOGHOOK_REPLAY_STORE}
     * @param arguments more options, such as {@code --addLibs} and {@code --postbootcommandfile}
     * @return the running (not yet ready) server
     * @throws IOException when it cannot be started
     */
    static PayaraServer start(Options options, Path war, String secret, String name, boolean grid,
            java.util.Map<String, String> settings, List<String> arguments) throws IOException {
        int port = freeLoopbackPort();
        Path root = options.work().resolve("server-" + name);
        deleteTree(root);
        Files.createDirectories(root);
        Path log = options.work().resolve("server-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.heap()));
        if (grid) {
            command.add("-Dhazelcast.socket.bind.any=false");
        }
        if (options.profile()) {
            // recording from the start: JFR started later re-instruments I/O classes and throws away compiled code
            // the server's request path is deeper than JFR's default of 64 frames: the callers would be cut off
            command.add("-XX:FlightRecorderOptions:stackdepth=256");
            command.add("-XX:StartFlightRecording:name=bench,settings=default,"
                    + "jdk.ThreadAllocationStatistics#period=1s,jdk.ThreadCPULoad#period=1s,"
                    + "jdk.ExecutionSample#period=10ms,maxage=1h");
        }
        command.addAll(List.of(
                "-jar", options.payara().toString(),
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", String.valueOf(port),
                "--prebootcommandfile", preboot(options, grid, root).toString(),
                "--rootdir", root.toString()));
        if (grid) {
            int gridPort = freeLoopbackPort();
            command.addAll(List.of(
                    "--clustername", "dialoghook-bench-" + java.util.UUID.randomUUID(),
                    "--clustermode", "tcpip:127.0.0.1:" + gridPort,
                    "--startport", String.valueOf(gridPort),
                    "--interfaces", "127.0.0.1"));
        } else {
            command.add("--nohazelcast");
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("DIALOGHOOK_SECRET", secret);
        builder.environment().putAll(settings);
        if (grid && options.gridConfig() != null) {
            builder.environment().put("DH_HAZELCAST_CONFIG", options.gridConfig().toAbsolutePath().toString());
        }
        long started = System.nanoTime();
        Process process = builder.start();
        // should the benchmark itself be stopped, its server goes with it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new PayaraServer(process, port, started, log);
    }

    /**
     * The pre-boot command file: the loopback one, and for a grid server with a cache configuration the replay
     * cache's file after it (Payara Micro reads one pre-boot file).
     */
    private static Path preboot(Options options, boolean grid, Path root) throws IOException {
        if (!grid || options.gridConfig() == null) {
            return options.preboot();
        }
        Path joined = root.resolveSibling(root.getFileName() + "-preboot.asadmin");
        Path replayCache = options.preboot().resolveSibling("replay-cache.asadmin");
        Files.writeString(joined, Files.readString(options.preboot()) + "\n" + Files.readString(replayCache));
        return joined;
    }

    /**
     * Waits until a request to the path is answered with 200.
     *
     * @param path the endpoint
     * @param token a token for it, or {@code null}
     * @param body the body to post
     * @return the time from the start of the process to the first 200
     * @throws IOException when the server exits or is not ready within three minutes
     */
    Duration awaitReady(String path, String token, String body) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                if (client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            sleep(50);
        }
        throw new IOException("Payara Micro was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /**
     * The receiver's start-up line that says which replay store it chose ({@code DH-0600}), read from the
     * server's log.
     *
     * @return the line from its message id on, or {@code null} when the log has none (yet)
     * @throws IOException when the log cannot be read
     */
    String replayStore() throws IOException {
        List<String> lines = logLines(REPLAY_STORE_LINE);
        return lines.isEmpty() ? null : lines.get(0);
    }

    /**
     * The server's log lines that hold a text, each from that text on.
     *
     * @param text for example a message id
     * @return the lines, in order
     * @throws IOException when the log cannot be read
     */
    List<String> logLines(String text) throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n")) {
            int at = line.indexOf(text);
            if (at >= 0) {
                String message = line.substring(at).strip();
                found.add(message.endsWith("]]") ? message.substring(0, message.length() - 2) : message);
            }
        }
        return found;
    }

    long pid() {
        return process.pid();
    }

    /**
     * The resident set of the server process.
     *
     * @return bytes
     * @throws IOException when /proc cannot be read
     */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /**
     * The CPU time the server process has used, all threads.
     *
     * @return the user and the system (kernel) time
     * @throws IOException when /proc cannot be read
     */
    CpuTime cpuTime() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new CpuTime(Long.parseLong(fields[11]) * 1_000_000 / CLOCK_TICKS_PER_SECOND,
                Long.parseLong(fields[12]) * 1_000_000 / CLOCK_TICKS_PER_SECOND);
    }

    /**
     * CPU time of a process.
     *
     * @param userMicros in user mode, microseconds
     * @param systemMicros in the kernel on the process's behalf (system calls, waking threads), microseconds
     */
    record CpuTime(long userMicros, long systemMicros) {

        long totalMicros() {
            return userMicros + systemMicros;
        }
    }

    /**
     * Runs a diagnostic command in the server with the JDK's jcmd.
     *
     * @param arguments the command and its arguments
     * @throws IOException when jcmd fails
     */
    void jcmd(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        command.add(String.valueOf(pid()));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the server: a normal shutdown first, the process killed if that takes over 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
