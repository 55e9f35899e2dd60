package org.dialoghook.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process a test starts itself (rather than through Arquillian), serving a WAR at the context
 * root {@code /} on a loopback port, with its output in a file of its own. Always stop it, also on failure.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PayaraMicroProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts Payara Micro with {@code -Xmx512m}, deploying the WAR at {@code /} on the given port.
     *
     * @param war the WAR to deploy
     * @param port the HTTP port
     * @param log where the server's output goes (standard output and error together)
     * @param options further Payara Micro options, such as {@code --nocluster}
     * @return the started process; it is not ready yet, see {@link #awaitReady(Duration)}
     * @throws IOException when the process cannot be started
     */
    public static PayaraMicroProcess start(File war, int port, Path log, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", war.getAbsolutePath(), "--contextroot", "/",
                "--port", String.valueOf(port)));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PayaraMicroProcess(process, port, log);
    }

    /**
     * A port that was free a moment ago.
     *
     * @return the port number
     * @throws IOException when no socket can be opened
     */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until the receiver answers an empty, unsigned delivery with its own {@code 401}.
     *
     * @param timeout how long to wait at most
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when the server exits or does not get ready in time
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/webhook"))
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
        throw new AssertionError("Payara Micro on port " + port + (process.isAlive() ? " did not get ready within "
                + timeout : " exited with " + process.exitValue()) + "; see " + log);
    }

    /**
     * A loopback address on this server.
     *
     * @param path for example {@code /webhook}
     * @return the URI
     */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** @return the HTTP port */
    public int port() {
        return port;
    }

    /** @return the process id of the server's JVM */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the server to stop (SIGTERM on Unix: Payara Micro undeploys and shuts down in order). */
    public void signalStop() {
        process.destroy();
    }

    /** Kills the server at once (SIGKILL on Unix): nothing is undeployed, connections just end. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Waits for the process to end, then kills it if it has not.
     *
     * @param grace how long it may take to stop by itself
     * @return whether it stopped by itself within the grace period
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitExit(Duration grace) throws InterruptedException {
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** Stops the server: asks first, kills it after 30 seconds. */
    @Override
    public void close() throws InterruptedException {
        signalStop();
        awaitExit(Duration.ofSeconds(30));
    }
}
