package org.dialoghook.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of the server and says where its CPU samples fell: by layer (the innermost frame of
 * a known library or of the receiver decides), and the methods that were on top of the stack most often.
 */
final class ProfileSummary {

    /** Layers by package prefix, checked in this order on each frame from the top of the stack down. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("javax.crypto.", "crypto (JDK)");
        LAYERS.put("sun.security.", "crypto (JDK)");
        LAYERS.put("com.sun.crypto.", "crypto (JDK)");
        LAYERS.put("java.security.", "crypto (JDK)");
        LAYERS.put("org.dialoghook.", "dialoghook");
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
    private int samples;
    private final Map<Long, long[]> allocatedByThread = new HashMap<>();
    private long gcCount;
    private long gcPauseNanos;

    static ProfileSummary read(Path recording) throws IOException {
        ProfileSummary summary = new ProfileSummary();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                summary.add(event.getStackTrace().getFrames());
            } else if (event.getEventType().getName().equals("jdk.ThreadAllocationStatistics")) {
                long allocated = event.getLong("allocated");
                summary.allocatedByThread.merge(event.getThread("thread").getJavaThreadId(),
                        new long[] {allocated, allocated},
                        (seen, now) -> new long[] {Math.min(seen[0], now[0]), Math.max(seen[1], now[1])});
            } else if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                summary.gcCount++;
                summary.gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
            }
        }
        return summary;
    }

    private void add(List<RecordedFrame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        byLayer.merge(layer(frames), 1, Integer::sum);
        RecordedFrame top = frames.get(0);
        topMethods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
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
     * The bytes the server's threads allocated while recording: each thread's allocation counter at the end of
     * the recording less the one at its start.
     *
     * @return bytes
     */
    long allocatedBytes() {
        return allocatedByThread.values().stream().mapToLong(range -> range[1] - range[0]).sum();
    }

    /** @return how many garbage collections ran while recording */
    long gcCount() {
        return gcCount;
    }

    /** @return their pauses added up, in milliseconds */
    double gcPauseMillis() {
        return gcPauseNanos / 1e6;
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
     * The methods most often on top of the stack.
     *
     * @param count how many
     * @return method to percent, largest first
     */
    Map<String, Double> topMethods(int count) {
        Map<String, Double> shares = new LinkedHashMap<>();
        topMethods.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(count)
                .forEach(entry -> shares.put(entry.getKey(), 100.0 * entry.getValue() / Math.max(1, samples)));
        return shares;
    }
}
