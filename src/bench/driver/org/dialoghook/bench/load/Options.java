package org.dialoghook.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The load benchmark's command-line options ({@code --name value} pairs; a name without a value is empty), each
 * with its default.
 *
 * @param payara the Payara Micro jar
 * @param payaraVersion its version, for the report
 * @param war the benchmark WAR: receiver, echo handler and the no-op endpoint
 * @param ceilingWar the WAR with the no-op endpoint alone, the start-up baseline
 * @param work the directory for token pools, server roots, logs and results
 * @param script the wrk script
 * @param preboot the Payara Micro pre-boot command file that binds HTTP to loopback
 * @param heap the server's maximum heap, for example {@code 512m}
 * @param phaseSeconds the length of every load phase and warm-up chunk
 * @param rounds how many ceiling/receiver pairs are measured
 * @param warmupMin the fewest warm-up chunks per endpoint, however early two of them agree
 * @param warmupMax the most warm-up chunks per endpoint
 * @param warmupMaxGrid the most warm-up chunks of the receiver with the data grid's store, which settles later
 * @param connections the connections wrk keeps open
 * @param threads wrk's threads
 * @param maxRate the highest rate a phase may reach per second: with the phase length it bounds the count
 * @param warmupPool the tokens the warm-up and the ceiling cycle through, per wrk thread
 * @param startups how many start-ups of each WAR are timed
 * @param profile whether the server records with JFR and the profile of each endpoint prints
 * @param gridConfig a Hazelcast configuration file for the grid server's replay cache, read through
 *        {@code server-config/payara-micro/replay-cache.asadmin}; {@code null} for Payara's defaults
 * @param baselineWar an earlier build of the benchmark WAR whose receiver is measured beside this one's, on a server
 *        of its own set up as the memory server; {@code null} for none
 */
record Options(Path payara, String payaraVersion, Path war, Path ceilingWar, Path work, Path script, Path preboot,
        String heap, int phaseSeconds, int rounds, int warmupMin, int warmupMax, int warmupMaxGrid, int connections,
        int threads, int maxRate, int warmupPool, int startups, boolean profile, Path gridConfig, Path baselineWar) {

    Options {
        if (warmupMin > warmupMax) {
            throw new IllegalArgumentException("--warmup-min must not be larger than --warmup-max");
        }
        if (warmupMin > warmupMaxGrid) {
            throw new IllegalArgumentException("--warmup-min must not be larger than --warmup-max-grid");
        }
        if (baselineWar != null && !Files.isRegularFile(baselineWar)) {
            throw new IllegalArgumentException("--baseline-war " + baselineWar + " is not a file");
        }
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            // an empty value ("${bench.grid.config}" unset) reaches the program as no argument at all
            boolean empty = i + 1 == args.length || args[i + 1].startsWith("--");
            values.put(args[i].substring(2), empty ? "" : args[++i]);
        }
        return new Options(
                Path.of(required(values, "payara")),
                values.getOrDefault("payara-version", "?"),
                Path.of(required(values, "war")),
                Path.of(required(values, "ceiling-war")),
                Path.of(required(values, "work")),
                Path.of(required(values, "script")),
                Path.of(required(values, "preboot")),
                values.getOrDefault("heap", "512m"),
                positive(values, "phase", 10),
                positive(values, "rounds", 3),
                positive(values, "warmup-min", 6),
                positive(values, "warmup-max", 12),
                positive(values, "warmup-max-grid", 18),
                positive(values, "connections", 16),
                positive(values, "threads", 2),
                positive(values, "max-rate", 40_000),
                positive(values, "warmup-pool", 100_000),
                positive(values, "startups", 3),
                Boolean.parseBoolean(values.getOrDefault("profile", "true")),
                optionalPath(values, "grid-config"),
                optionalPath(values, "baseline-war"));
    }

    /** The most requests one wrk thread sends in one phase: the count bound of every load loop. */
    int perThreadLimit() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxRate * phaseSeconds / threads);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Path optionalPath(Map<String, String> values, String name) {
        String value = values.getOrDefault(name, "");
        return value.isBlank() ? null : Path.of(value);
    }

    private static int positive(Map<String, String> values, String name, int defaultValue) {
        int value = Integer.parseInt(values.getOrDefault(name, String.valueOf(defaultValue)));
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }
}
