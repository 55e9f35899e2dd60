package org.dialoghook.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the server and says where its CPU samples fell: by layer (the innermost frame of
 * a known library or of the receiver decides), by thread, in the data grid's packages (Hazelcast), and the
 * methods that were on top of the stack most often.
 */
final class ProfileSummary {

    private static final String RECEIVER_PACKAGE = "org.dialoghook.";
    private static final String GRID_PACKAGE = "com.hazelcast.";

    /** Layers by package prefix, checked in this order on each frame from the top of the stack down. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("javax.crypto.", "crypto (JDK)");
        LAYERS.put("sun.security.", "crypto (JDK)");
        LAYERS.put("com.sun.crypto.", "crypto (JDK)");
        LAYERS.put("java.security.", "crypto (JDK)");
        LAYERS.put("org.dialoghook.", "dialoghook");
        LAYERS.put(GRID_PACKAGE, "data grid (Hazelcast)");
        LAYERS.put("fish.payara.nucleus.hazelcast.", "data grid (Payara's Hazelcast and JCache glue)");
        LAYERS.put("fish.payara.cdi.jsr107.", "data grid (Payara's Hazelcast and JCache glue)");
        LAYERS.put("org.jose4j.", "jose4j");
        LAYERS.put("org.eclipse.parsson.", "JSON-P/JSON-B");
        LAYERS.put("org.eclipse.yasson.", "JSON-P/JSON-B");
        LAYERS.put("org.glassfish.json.", "JSON-P/JSON-B");
        LAYERS.put("org.jboss.weld.", "CDI (Weld)");
        LAYERS.put("org.glassfish.jersey.", "JAX-RS (Jersey)");
        LAYERS.put("org.glassfish.hk2.", "JAX-RS (Jersey)");
        LAYERS.put("org.jvnet.hk2.", "JAX-RS (Jersey)");
        LAYERS.put("org.apache.catalina.", "servlet container");
        LAYERS.put("org.glassfish.web.", "servlet container");
        LAYERS.put("com.sun.web.", "servlet container");
        LAYERS.put("org.glassfish.wasp.", "servlet container");
        LAYERS.put("org.glassfish.grizzly.", "HTTP (Grizzly)");
        LAYERS.put("com.sun.enterprise.", "server (other)");
        LAYERS.put("org.glassfish.", "server (other)");
        LAYERS.put("fish.payara.", "server (other)");
    }

    private final Map<String, Integer> byLayer = new HashMap<>();
    private final Map<String, Integer> topMethods = new HashMap<>();
    private final Map<String, Integer> receiverMethods = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<String, Double> threadCpu = new HashMap<>();
    private final Map<String, Integer> gridPackages = new HashMap<>();
    private final Map<String, Integer> gridTopMethods = new HashMap<>();
    private int samples;
    private final Map<Long, TreeMap<Instant, Long>> allocatedByThread = new HashMap<>();
    private long gcCount;
    private long gcPauseNanos;
    private long gcCpuNanos;

    /**
     * Reads the events of a recording that fall in the given windows of time.
     *
     * @param recording the JFR file
     * @param windows the phases to count, each a start and an end
     * @return the summary
     * @throws IOException when the file cannot be read
     */
    static ProfileSummary read(Path recording, List<Instant[]> windows) throws IOException {
        ProfileSummary summary = new ProfileSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                summary.take(file.readEvent(), windows);
            }
        }
        return summary;
    }

    /** Counts one event of the recording when it falls in one of the windows. */
    private void take(RecordedEvent event, List<Instant[]> windows) {
        if (windows.stream().noneMatch(window -> !event.getStartTime().isBefore(window[0])
                && !event.getStartTime().isAfter(window[1]))) {
            return;
        }
        String type = event.getEventType().getName();
        if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
            add(event.getStackTrace().getFrames());
            if (event.getThread("sampledThread") != null && !event.getStackTrace().getFrames().isEmpty()) {
                threads.merge(kind(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
            }
        } else if (type.equals("jdk.ThreadCPULoad") && event.getThread() != null) {
            // each event covers the period since the thread's last one, and the periods are all alike
            threadCpu.merge(kind(event.getThread().getJavaName()), event.getDouble("user") + event.getDouble("system"),
                    Double::sum);
        } else if (type.equals("jdk.ThreadAllocationStatistics") && event.getThread("thread") != null) {
            allocatedByThread.computeIfAbsent(event.getThread("thread").getJavaThreadId(),
                    thread -> new TreeMap<>()).put(event.getStartTime(), event.getLong("allocated"));
        } else if (type.equals("jdk.GarbageCollection")) {
            gcCount++;
            gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
        } else if (type.equals("jdk.GCCPUTime")) {
            // the collector's threads are not Java threads: the CPU samples never show their work
            gcCpuNanos += event.getDuration("userTime").toNanos() + event.getDuration("systemTime").toNanos();
        }
    }

    /** A thread's name with its numbers as {@code #} and the grid member's generated name as {@code <member>}. */
    private static String kind(String thread) {
        return String.valueOf(thread).replaceAll("^hz\\.[^.]+\\.", "hz.<member>.").replaceAll("[0-9]+", "#");
    }

    private void add(List<RecordedFrame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        byLayer.merge(layer(frames), 1, Integer::sum);
        frames.stream().map(ProfileSummary::name).filter(name -> name.startsWith(RECEIVER_PACKAGE)).distinct()
                .forEach(name -> receiverMethods.merge(name, 1, Integer::sum));
        RecordedFrame top = frames.get(0);
        topMethods.merge(name(top), 1, Integer::sum);
        frames.stream().map(frame -> frame.getMethod().getType().getName())
                .filter(type -> type.startsWith(GRID_PACKAGE))
                .map(type -> type.substring(0, type.lastIndexOf('.'))).distinct()
                .forEach(name -> gridPackages.merge(name, 1, Integer::sum));
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getMethod().getType().getName().startsWith(GRID_PACKAGE)) {
                // the innermost grid frame, and what it called when that is not the grid's own code
                String callee = i == 0 ? "" : " -> " + name(frames.get(i - 1));
                gridTopMethods.merge(name(frames.get(i)) + callee, 1, Integer::sum);
                break;
            }
        }
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String layer(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return "JVM and JDK (GC, I/O, threads)";
    }

    /**
     * How fast the server's threads allocated in the windows: each thread's allocation counter, sampled every
     * second, from its first to its last sample in a window, added up and divided by the time between them.
     *
     * @param windows the same windows the summary was read with
     * @return bytes per second
     */
    double allocationRate(List<Instant[]> windows) {
        double bytes = 0;
        double seconds = 0;
        for (Instant[] window : windows) {
            Instant first = null;
            Instant last = null;
            for (TreeMap<Instant, Long> counter : allocatedByThread.values()) {
                var inside = counter.subMap(window[0], true, window[1], true);
                if (inside.size() >= 2) {
                    bytes += inside.lastEntry().getValue() - inside.firstEntry().getValue();
                    first = first == null || inside.firstKey().isBefore(first) ? inside.firstKey() : first;
                    last = last == null || inside.lastKey().isAfter(last) ? inside.lastKey() : last;
                }
            }
            if (first != null) {
                seconds += Duration.between(first, last).toNanos() / 1e9;
            }
        }
        return seconds == 0 ? 0 : bytes / seconds;
    }

    /** @return how many garbage collections ran while recording */
    long gcCount() {
        return gcCount;
    }

    /** @return their pauses added up, in milliseconds */
    double gcPauseMillis() {
        return gcPauseNanos / 1e6;
    }

    /** @return the CPU time of the collector's threads in those collections, user and system, in milliseconds */
    double gcCpuMillis() {
        return gcCpuNanos / 1e6;
    }

    int samples() {
        return samples;
    }

    /**
     * The share of samples of each layer, largest first.
     *
     * @return layer to percent
     */
    Map<String, Double> layers() {
        Map<String, Double> shares = new LinkedHashMap<>();
        byLayer.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> shares.put(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, samples)));
        return shares;
    }

    /**
     * The receiver's own methods by the share of samples they are anywhere on the stack in: what each costs
     * with everything it calls, the server's and the libraries' code included.
     *
     * @param count how many
     * @return method to percent, largest first
     */
    Map<String, Double> receiverMethods(int count) {
        return shares(receiverMethods, count);
    }

    /**
     * The threads the samples fell on, their numbers replaced by {@code #} so that a pool counts as one.
     *
     * @param count how many
     * @return thread name to percent, largest first
     */
    Map<String, Double> threads(int count) {
        return shares(threads, count);
    }

    /**
     * The share of the threads' CPU time (user and system, from JFR's per-thread CPU load) of each kind of
     * thread, largest first. Unlike the samples, it counts the time threads spend in the kernel, for example
     * waking one another.
     *
     * @param count how many
     * @return thread kind to percent
     */
    Map<String, Double> threadCpu(int count) {
        double total = threadCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        threadCpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(count)
                .forEach(entry -> shares.put(entry.getKey(), total == 0 ? 0 : 100.0 * entry.getValue() / total));
        return shares;
    }

    /**
     * The data grid's packages by the share of samples that have a frame of theirs anywhere on the stack.
     *
     * @param count how many
     * @return package to percent, largest first
     */
    Map<String, Double> gridPackages(int count) {
        return shares(gridPackages, count);
    }

    /**
     * The data grid's innermost method in each sample that has a data grid frame, with the method it called when
     * that is not the grid's (the server's hooks, the JDK): where the grid's own time goes.
     *
     * @param count how many
     * @return method to percent of all samples, largest first
     */
    Map<String, Double> gridTopMethods(int count) {
        return shares(gridTopMethods, count);
    }

    /**
     * The methods most often on top of the stack.
     *
     * @param count how many
     * @return method to percent, largest first
     */
    Map<String, Double> topMethods(int count) {
        return shares(topMethods, count);
    }

    private Map<String, Double> shares(Map<String, Integer> counts, int count) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(count)
                .forEach(entry -> shares.put(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, samples)));
        return shares;
    }
}
