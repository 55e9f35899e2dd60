package org.dialoghook.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One WildFly a test starts itself (rather than through Arquillian) from the unpacked dist, with a base
 * directory of its own, all its ports moved by a port offset, bound to loopback, and its output in a file. It
 * runs on the java launcher of {@code src/test/wildfly-jvm}, so it ends when the test JVM ends, even if that is
 * killed. Always stop it, also on failure.
 */
public final class WildFlyProcess {

    /** The JVM options WildFly's own start script gives a modular JDK. */
    private static final List<String> MODULAR_JDK_OPTIONS = List.of(
            "--add-exports=java.desktop/sun.awt=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldap=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.url.ldaps=ALL-UNNAMED",
            "--add-exports=jdk.naming.dns/com.sun.jndi.dns=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.security=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.management/javax.management=ALL-UNNAMED",
            "--add-opens=java.naming/javax.naming=ALL-UNNAMED");

    /** The standard ports a server of standalone-ha.xml may open, before the offset. */
    private static final int[] STANDARD_PORTS = {8080, 8443, 8009, 9990, 9993, 7600, 4712, 4713};

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path baseDir;
    private final int offset;

    private WildFlyProcess(Process process, Path baseDir, int offset) {
        this.process = process;
        this.baseDir = baseDir;
        this.offset = offset;
    }

    /**
     * Starts WildFly.
     *
     * @param home the unpacked dist
     * @param baseDir the server's base directory (configuration, deployments, data, log)
     * @param config the configuration file in {@code baseDir/configuration}, such as {@code standalone-ha.xml}
     * @param offset the port offset
     * @param properties system properties for the server; never a secret (WildFly logs its JVM arguments)
     * @param environment environment variables for the server, where a secret may go
     * @param output where the server's standard output and error go
     * @return the started process; it is not ready yet, see {@link #awaitReady(String, Duration)}
     * @throws IOException when the process cannot be started
     */
    public static WildFlyProcess start(Path home, Path baseDir, String config, int offset, Map<String, String> properties,
            Map<String, String> environment, Path output) throws IOException {
        Path launcher = Path.of(System.getProperty("wildfly.javaHome", "src/test/wildfly-jvm"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "-Xmx512m",
                "-Dorg.jboss.boot.log.file=" + baseDir.resolve("log/server.log"),
                "-Dlogging.configuration=file:" + baseDir.resolve("configuration/logging.properties")));
        command.addAll(MODULAR_JDK_OPTIONS);
        command.addAll(List.of("-jar", home.resolve("jboss-modules.jar").toString(),
                "-mp", home.resolve("modules").toString(), "org.jboss.as.standalone",
                "-Djboss.home.dir=" + home, "-Djboss.server.base.dir=" + baseDir, "-c", config,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.bind.address.private=127.0.0.1"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putIfAbsent("WILDFLY_IT_JAVA", Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
        builder.environment().putAll(environment);
        return new WildFlyProcess(builder.start(), baseDir, offset);
    }

    /**
     * A port offset under which every standard port of a server is free now, and that differs from the others.
     *
     * @param taken offsets already chosen
     * @return the offset
     */
    public static int freeOffset(List<Integer> taken) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1000, 7900);
            if (taken.stream().noneMatch(other -> Math.abs(other - offset) < 10) && allFree(offset)) {
                return offset;
            }
        }
        throw new AssertionError("no free port offset found");
    }

    private static boolean allFree(int offset) {
        for (int port : STANDARD_PORTS) {
            try (ServerSocket socket = new ServerSocket(port + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the receiver deployed at the context root answers an empty, unsigned delivery with its own
     * {@code 401}.
     *
     * @param contextRoot for example {@code /cluster}
     * @param timeout how long to wait at most
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when the server exits or does not get ready in time
     */
    public void awaitReady(String contextRoot, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(contextRoot + "/webhook"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("WildFly in " + baseDir + (process.isAlive() ? " did not get ready within " + timeout
                : " exited with " + process.exitValue()) + "; see " + log());
    }

    /**
     * A loopback address on this server's HTTP port.
     *
     * @param path for example {@code /cluster/webhook}
     * @return the URI
     */
    public URI uri(String path) {
        return URI.create("http://localhost:" + (8080 + offset) + path);
    }

    /** @return the server's log file */
    public Path log() {
        return baseDir.resolve("log/server.log");
    }

    /**
     * Reads the server's log.
     *
     * @return its text, empty while there is none
     * @throws IOException when it cannot be read
     */
    public String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log()) : "";
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the server: SIGTERM (WildFly shuts down in order), then kills it if it has not ended in time.
     *
     * @param grace how long it may take to stop by itself
     * @throws InterruptedException when interrupted while waiting
     */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Kills the server at once, for a shutdown hook. */
    public void kill() {
        process.destroyForcibly();
    }
}
