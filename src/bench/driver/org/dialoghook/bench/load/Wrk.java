package org.dialoghook.bench.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator: wrk from the system's packages, installed with apt-get when missing, always pointed at
 * 127.0.0.1, each run bounded by its duration and by a request count per thread that the script enforces.
 */
final class Wrk {

    private static final Pattern PAIR = Pattern.compile("(\\w+)=([0-9.]+)");

    private final String executable;
    private final Options options;

    private Wrk(String executable, Options options) {
        this.executable = executable;
        this.options = options;
    }

    /**
     * Finds wrk on the PATH, or installs Debian's package.
     *
     * @param options the benchmark's options
     * @return the generator
     * @throws IOException when wrk is missing and cannot be installed
     */
    static Wrk installed(Options options) throws IOException {
        Path found = onPath("wrk");
        if (found == null) {
            System.out.println("wrk is not installed: installing Debian's package (apt-get update; apt-get install -y wrk)");
            run(List.of("apt-get", "update"));
            run(List.of("apt-get", "install", "-y", "wrk"));
            found = onPath("wrk");
            if (found == null) {
                throw new IOException("wrk is still missing; install it (apt-get install wrk) and run again");
            }
        }
        return new Wrk(found.toString(), options);
    }

    /**
     * Drives one endpoint for one phase.
     *
     * @param port the server's loopback port
     * @param path the endpoint
     * @param pool the tokens
     * @param firstLine the line each thread starts at
     * @param cycle whether the threads start their files over at the end (warm-up, ceiling) or stop there
     * @return what wrk measured
     * @throws IOException when wrk fails
     */
    Phase run(int port, String path, TokenPool pool, int firstLine, boolean cycle) throws IOException {
        return run(port, path, pool, firstLine, cycle, options.threads(), options.connections());
    }

    /**
     * Drives one endpoint for one phase with the given threads and connections.
     *
     * @param port the server's loopback port
     * @param path the endpoint
     * @param pool the tokens (one file per thread)
     * @param firstLine the line each thread starts at
     * @param cycle whether the threads start their files over at the end (warm-up, ceiling) or stop there
     * @param threads wrk's threads
     * @param connections wrk's connections, at least one a thread
     * @return what wrk measured
     * @throws IOException when wrk fails
     */
    Phase run(int port, String path, TokenPool pool, int firstLine, boolean cycle, int threads, int connections)
            throws IOException {
        List<String> command = List.of(executable,
                "-t", String.valueOf(threads),
                "-c", String.valueOf(connections),
                "-d", options.phaseSeconds() + "s",
                "--timeout", "10s",
                "-s", options.script().toString(),
                "http://127.0.0.1:" + port + path,
                "--", path, pool.body().toString(), pool.prefix().toString(), String.valueOf(firstLine),
                String.valueOf(options.perThreadLimit()), cycle ? "cycle" : "once");
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(options.phaseSeconds() + 60L, TimeUnit.SECONDS)) {
                wrk.destroyForcibly();
                throw new IOException("wrk did not end");
            }
        } catch (InterruptedException e) {
            wrk.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return parse(output);
    }

    private static Phase parse(String output) throws IOException {
        Map<String, Double> result = null;
        long wrapped = 0;
        boolean stoppedEarly = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                result = pairs(line);
            } else if (line.startsWith("THREAD ")) {
                Map<String, Double> thread = pairs(line);
                wrapped += thread.get("wrapped").longValue();
                stoppedEarly |= thread.get("exhausted") > 0 || thread.get("limited") > 0;
            }
        }
        if (result == null) {
            throw new IOException("wrk printed no result:\n" + output);
        }
        long errors = result.get("connect_errors").longValue() + result.get("read_errors").longValue()
                + result.get("write_errors").longValue() + result.get("timeouts").longValue();
        return new Phase(result.get("requests").longValue(), result.get("duration_us").longValue(),
                result.get("p50_us").longValue(), result.get("p99_us").longValue(),
                result.get("status_errors").longValue(), errors, wrapped, stoppedEarly);
    }

    private static Map<String, Double> pairs(String line) {
        Map<String, Double> values = new HashMap<>();
        Matcher matcher = PAIR.matcher(line);
        while (matcher.find()) {
            values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return values;
    }

    private static Path onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * What wrk measured in one phase.
     *
     * @param requests completed requests
     * @param durationMicros the phase's length
     * @param p50Micros median latency
     * @param p99Micros 99th percentile latency
     * @param statusErrors answers with a status of 400 or more
     * @param socketErrors connect, read and write errors and timeouts
     * @param wrapped how often a thread started its token file over
     * @param stoppedEarly whether a thread ran out of tokens or reached the request bound before the phase ended
     */
    record Phase(long requests, long durationMicros, long p50Micros, long p99Micros, long statusErrors,
            long socketErrors, long wrapped, boolean stoppedEarly) {

        double perSecond() {
            return requests * 1_000_000.0 / durationMicros;
        }
    }
}
