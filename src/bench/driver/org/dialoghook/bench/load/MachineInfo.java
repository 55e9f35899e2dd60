package org.dialoghook.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about the machine: cores, memory, CPU model, JDK, load average. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String describe(Options options) {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), "
                + String.format("%.1f GiB", memoryKib() / 1024.0 / 1024.0) + " memory, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + "; JDK "
                + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + "; Payara Micro " + options.payaraVersion();
    }

    /**
     * The load average now.
     *
     * @return the 1, 5 and 15 minute averages as /proc/loadavg shows them
     */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return lines("/proc/cpuinfo").stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static long memoryKib() {
        return lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
