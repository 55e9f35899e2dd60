package org.dialoghook.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;

/**
 * A Payara Server domain of a test's own: created with {@code asadmin create-domain} below a work folder, on a
 * port base whose hundred ports are free (never the default 4848 or 8080), with every listener moved to
 * 127.0.0.1 before its first start, and stopped by {@link #close()} or, failing that, when the test JVM ends.
 * asadmin and the server run on the test JVM's own Java ({@code AS_JAVA}).
 */
final class PayaraServerDomain implements AutoCloseable {

    /** Offsets from the port base that create-domain gives the admin and the HTTP listener. */
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;

    private final Path home;
    private final Path domains;
    private final String name;
    private final int portBase;
    private final Thread stopAtExit;
    private boolean running;

    private PayaraServerDomain(Path home, Path domains, String name, int portBase) {
        this.home = home;
        this.domains = domains;
        this.name = name;
        this.portBase = portBase;
        this.stopAtExit = new Thread(this::stopQuietly, "stop-payara-domain-" + name);
    }

    /** What an asadmin command printed, and how it ended. */
    record Run(int exitCode, String output) {
    }

    /**
     * Creates the domain afresh in {@code work/domains} and starts it.
     *
     * @param home the Payara Server installation ({@code payara6})
     * @param work the test's work folder; emptied first
     * @param name the domain's name
     * @return the running domain
     */
    static PayaraServerDomain createAndStart(Path home, Path work, String name) throws IOException,
            InterruptedException {
        FileTrees.delete(work);
        Files.createDirectories(work);
        PayaraServerDomain domain = new PayaraServerDomain(home, work.resolve("domains"), name, freePortBase());
        Run created = domain.asadmin(work, "--interactive=false", "create-domain", "--domaindir",
                domain.domains.toString(), "--portbase", String.valueOf(domain.portBase), "--nopassword=true", name);
        if (created.exitCode() != 0) {
            throw new AssertionError("create-domain failed:\n" + created.output());
        }
        domain.keepToLoopback();
        Runtime.getRuntime().addShutdownHook(domain.stopAtExit);
        domain.running = true;
        Run started = domain.asadmin(work, "start-domain", "--domaindir", domain.domains.toString(), name);
        if (started.exitCode() != 0) {
            domain.close();
            throw new AssertionError("start-domain failed:\n" + started.output() + "\nserver.log:\n"
                    + domain.serverLog());
        }
        return domain;
    }

    /**
     * A port base (a multiple of 100 between 20000 and 59900) all of whose hundred ports are free at the moment:
     * the domain takes a dozen of them, its data grid may take the next ones.
     */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 100 * ThreadLocalRandom.current().nextInt(200, 600);
            if (allFree(base, base + 100)) {
                return base;
            }
        }
        throw new IOException("found no port base with 100 free ports");
    }

    private static boolean allFree(int from, int to) {
        for (int port = from; port < to; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    /** Moves every listener of the new domain (HTTP, HTTPS, admin, IIOP, JMX, data grid) to 127.0.0.1. */
    private void keepToLoopback() throws IOException {
        Path file = domains.resolve(name).resolve("config/domain.xml");
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        String loopback = xml.replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                .replace("<network-listener port=", "<network-listener address=\"127.0.0.1\" port=")
                .replace("<hazelcast-runtime-configuration ", "<hazelcast-runtime-configuration interface=\"127.0.0.1\" ");
        if (loopback.contains("0.0.0.0") || !loopback.contains("<network-listener address=\"127.0.0.1\" port=\""
                + (portBase + HTTP_OFFSET) + "\"")) {
            throw new AssertionError("domain.xml is not as create-domain writes it: " + file);
        }
        Files.writeString(file, loopback, StandardCharsets.UTF_8);
    }

    /**
     * Runs asadmin in a directory, with no input, and waits for it (five minutes at most).
     *
     * @param directory the working directory
     * @param arguments asadmin's arguments
     * @return what it printed and its exit code
     */
    Run asadmin(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/asadmin").toString());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(domains.getParent(), "asadmin-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process asadmin = builder.start();
        asadmin.getOutputStream().close();
        try {
            if (!asadmin.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("asadmin " + String.join(" ", arguments) + " did not end:\n"
                        + Files.readString(log));
            }
        } finally {
            asadmin.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("asadmin " + String.join(" ", arguments) + "\n" + output);
        return new Run(asadmin.exitValue(), output);
    }

    /**
     * Runs one asadmin subcommand against this domain's admin port, in the domain's work folder.
     *
     * @param arguments asadmin's options and the subcommand with its own, for example
     *        {@code "--passwordfile", "/abs/file.pwd", "create-password-alias", "name"}
     * @return what it printed and its exit code
     */
    Run admin(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--port", String.valueOf(adminPort())));
        command.addAll(List.of(arguments));
        return asadmin(domains.getParent(), command.toArray(String[]::new));
    }

    /** @return the admin port (the port base + 48) */
    int adminPort() {
        return portBase + ADMIN_OFFSET;
    }

    /**
     * A loopback address on the domain's HTTP listener ({@code http-listener-1}, the port base + 80).
     *
     * @param path for example {@code /webhook}
     * @return the URI
     */
    URI uri(String path) {
        return URI.create("http://localhost:" + (portBase + HTTP_OFFSET) + path);
    }

    /**
     * Posts a signed delivery to the receiver at {@code /webhook}, on loopback.
     *
     * @param delivery the body and its token
     * @return the reply
     */
    HttpResponse<String> deliver(SignedDelivery delivery) {
        return WebhookIT.send(HttpRequest.newBuilder(uri("/webhook"))
                        .POST(HttpRequest.BodyPublishers.ofString(delivery.body())),
                "Content-Type", "application/json", "Authorization", "Bearer " + delivery.token());
    }

    /**
     * How long after a change deliveries signed with a secret began to be accepted: each delivery before is refused
     * with {@code 401 invalid-token}.
     *
     * @param secret the secret just set
     * @param since {@link System#nanoTime()} when the change was made
     * @param atMost the longest wait
     * @return the time from the change to the first {@code 200}
     */
    Duration firstAccepted(String secret, long since, Duration atMost) throws InterruptedException {
        while (System.nanoTime() - since < atMost.toNanos()) {
            HttpResponse<String> response = deliver(DeliverySigner.withSecret(secret).handler("echo").sign());
            if (response.statusCode() == 200) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            WebhookIT.assertProblem(response, 401, "invalid-token");
            Thread.sleep(50);
        }
        throw new AssertionError("the new secret was not accepted within " + atMost);
    }

    /**
     * How many lines of the server log hold every one of the words.
     *
     * @param words the words
     * @return the count
     */
    int logLines(String... words) {
        try {
            return (int) serverLog().lines().filter(line -> Arrays.stream(words).allMatch(line::contains)).count();
        } catch (IOException e) {
            throw new AssertionError("cannot read the server log", e);
        }
    }

    /** @return the domain's server log so far */
    String serverLog() throws IOException {
        Path logs = domains.resolve(name).resolve("logs");
        StringBuilder text = new StringBuilder();
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith("server.log"))
                        .sorted()::iterator) {
                    text.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return text.toString();
    }

    /** @return the domain's {@code config} directory, where a relative configuration file name is read from */
    Path configDirectory() {
        return domains.resolve(name).resolve("config");
    }

    /** @return the domain's {@code domain.xml} */
    String domainXml() throws IOException {
        return Files.readString(domains.resolve(name).resolve("config/domain.xml"), StandardCharsets.UTF_8);
    }

    /** Stops the domain with {@code asadmin stop-domain}, which kills it when it does not stop in time. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        Run stopped = asadmin(domains.getParent(), "stop-domain", "--domaindir", domains.toString(), "--kill=false",
                name);
        if (stopped.exitCode() != 0) {
            asadmin(domains.getParent(), "stop-domain", "--domaindir", domains.toString(), "--kill=true", name);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already ending: the hook runs this anyway
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the Payara Server domain " + name + ": " + e);
        }
    }
}
