package org.dialoghook.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;

/**
 * A WildFly of a test's own, with the tools an operator has at hand: {@code jboss-cli.sh} against its management
 * port and {@code add-user.sh} on its configuration. The server runs {@code standalone.xml} on a fresh copy of the
 * configuration the build prepared ({@code wildfly.configuredBaseDir}: the dist's with
 * {@code server-config/wildfly/microprofile.cli} applied), under a port offset of its own, bound to loopback. Secrets
 * reach the CLI in properties files readable by their owner only, never on a command line, and never in what this
 * class prints.
 */
final class WildFlyOperator implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern EXPRESSION = Pattern.compile("\"expression\" => \"(\\$\\{ENC::[^\"]+\\})\"");

    private final Path home;
    private final Path work;
    private final Path base;
    private final int offset;
    private final WildFlyProcess process;
    private final Thread killOnExit;

    private WildFlyOperator(Path home, Path work, Path base, int offset, WildFlyProcess process) {
        this.home = home;
        this.work = work;
        this.base = base;
        this.offset = offset;
        this.process = process;
        this.killOnExit = new Thread(process::kill);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a server in a fresh work directory and waits until it is live (nothing deployed yet).
     *
     * @param work the test's directory, emptied first; the server's base directory is {@code work/base}
     * @return the running server
     */
    static WildFlyOperator start(Path work) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly-39.0.1.Final")).toAbsolutePath();
        Path configured = Path.of(System.getProperty("wildfly.configuredBaseDir", "target/wildfly-standalone"));
        Path absoluteWork = work.toAbsolutePath();
        FileTrees.delete(absoluteWork);
        Files.createDirectories(absoluteWork);
        Path base = absoluteWork.resolve("base");
        FileTrees.copy(configured, base);
        int offset = WildFlyProcess.freeOffset(List.of());
        WildFlyProcess process = WildFlyProcess.start(home, base, "standalone.xml", offset, Map.of(), Map.of(),
                absoluteWork.resolve("server.out"));
        WildFlyOperator server = new WildFlyOperator(home, absoluteWork, base, offset, process);
        server.awaitLive(Duration.ofSeconds(180));
        return server;
    }

    private void awaitLive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(management("/health/live")).timeout(Duration.ofSeconds(10)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("WildFly in " + base + " did not get live within " + timeout + "; see " + log());
    }

    /** @return the server's base directory */
    Path base() {
        return base;
    }

    /** @return the test's work directory */
    Path work() {
        return work;
    }

    /** @return the management port (HTTP, with the console and the health endpoints) */
    int managementPort() {
        return 9990 + offset;
    }

    /**
     * A loopback address on the management port.
     *
     * @param path for example {@code /health/ready}
     * @return the URI
     */
    URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort() + path);
    }

    /**
     * A loopback address on the HTTP port.
     *
     * @param path for example {@code /dialoghook/webhook}
     * @return the URI
     */
    URI http(String path) {
        return process.uri(path);
    }

    /** @return the server log */
    Path log() {
        return process.log();
    }

    /** @return the server log's text */
    String logText() throws IOException {
        return process.logText();
    }

    /**
     * Counts the lines of the server log that contain a text.
     *
     * @param text the text
     * @return how many lines hold it
     */
    long countLines(String text) throws IOException {
        return logText().lines().filter(line -> line.contains(text)).count();
    }

    /**
     * Waits until the server log has a line with a text, and another, beyond the first {@code before} lines with the
     * text.
     *
     * @param text the text, for example {@code DH-0120}
     * @param also another text the line must hold, for example a setting's name
     * @param before how many lines with the text the log had before
     * @param timeout how long to wait at most
     * @return the line
     */
    String awaitNewLine(String text, String also, long before, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = logText().lines().filter(line -> line.contains(text)).toList();
            for (String line : lines.subList((int) Math.min(before, lines.size()), lines.size())) {
                if (line.contains(also)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no new line with " + text + " and " + also + " within " + timeout + " in " + log());
    }

    /**
     * Posts a signed delivery to the webhook of the WAR at a context root.
     *
     * @param contextRoot for example {@code /dialoghook}
     * @param delivery the delivery
     * @return the reply
     */
    HttpResponse<String> deliver(String contextRoot, SignedDelivery delivery) throws IOException, InterruptedException {
        WebhookIT.SENT_CREDENTIALS.add("Bearer " + delivery.token());
        return HTTP.send(HttpRequest.newBuilder(http(contextRoot + "/webhook")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The receiver's readiness check.
     *
     * @return the check {@code dialoghook} of {@code /health/ready}, with its status and data
     */
    JsonObject readiness() throws IOException, InterruptedException {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(management("/health/ready"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return HealthChecks.named(WebhookIT.json(reply), "dialoghook");
    }

    /** What a run of the CLI printed, how it ended and how long it took. */
    record CliRun(int exitCode, String output, Duration took) {

        /** @return whether every operation succeeded */
        boolean succeeded() {
            return exitCode == 0 && !output.contains("\"outcome\" => \"failed\"");
        }
    }

    /**
     * Runs one CLI command, as an operator types {@code jboss-cli.sh --connect --command=...}. Never give it a clear
     * secret: the command line is visible to every user of the machine.
     *
     * @param command for example {@code /system-property=dialoghook.handler.timeout:write-attribute(name=value, value=5)}
     * @return the run; it has ended when this returns
     */
    CliRun command(String command) throws IOException, InterruptedException {
        return cli(List.of("--command=" + command));
    }

    /**
     * Runs a CLI script file with {@code jboss-cli.sh --connect [--properties=...] --file=...} in the work directory.
     *
     * @param script the script
     * @param properties a properties file for the CLI, or {@code null}
     * @return the run
     */
    CliRun script(Path script, Path properties) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        if (properties != null) {
            arguments.add("--properties=" + properties);
        }
        arguments.add("--file=" + script);
        return cli(arguments);
    }

    /**
     * Writes a script into the work directory and runs it.
     *
     * @param name the file's name
     * @param lines the script
     * @return the run
     */
    CliRun script(String name, String... lines) throws IOException, InterruptedException {
        Path script = work.resolve(name);
        Files.writeString(script, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return script(script, null);
    }

    /**
     * Asserts that a run succeeded.
     *
     * @param run the run
     * @return the run
     */
    static CliRun succeeded(CliRun run) {
        if (!run.succeeded()) {
            throw new AssertionError("the CLI failed (" + run.exitCode() + "):\n" + run.output());
        }
        return run;
    }

    private CliRun cli(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + managementPort()));
        command.addAll(arguments);
        Path output = Files.createTempFile(work, "cli-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process cli = builder.start();
        try {
            if (!cli.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the CLI did not end:\n" + Files.readString(output));
            }
        } finally {
            cli.destroyForcibly();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new CliRun(cli.exitValue(), Files.readString(output), took);
    }

    /**
     * Writes a Java properties file readable by its owner only, for {@code --properties}.
     *
     * @param name the file's name in the work directory
     * @param key the property
     * @param value its value
     * @return the file
     */
    Path secretFile(String name, String key, String value) throws IOException {
        Path file = work.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "=" + value + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Encrypts a secret with the resolver {@code dialoghook} that {@code server-config/wildfly/dialoghook.cli} sets up,
     * as operators.md has it: {@code create-expression}, the clear text read from a properties file.
     *
     * @param secret the clear secret
     * @return the expression {@code ${ENC::dialoghook:...}}
     */
    String encrypt(String secret) throws IOException, InterruptedException {
        Path properties = secretFile("encrypt.properties", "dialoghook.clear-text", secret);
        Path script = work.resolve("encrypt.cli");
        Files.writeString(script, String.join("\n",
                "set clearText=\"${dialoghook.clear-text:}\"",
                "/subsystem=elytron/expression=encryption:create-expression(resolver=dialoghook, clear-text=$clearText)",
                "set clearText=") + "\n", StandardCharsets.UTF_8);
        try {
            CliRun run = succeeded(script(script, properties));
            Matcher matcher = EXPRESSION.matcher(run.output());
            if (!matcher.find()) {
                throw new AssertionError("create-expression gave no expression:\n" + run.output());
            }
            return matcher.group(1);
        } finally {
            Files.deleteIfExists(properties);
        }
    }

    /**
     * Installs the receiver as operators do: {@code server-config/wildfly/dialoghook.cli} with the secret in a
     * properties file, deploying {@code target/dialoghook.war} below the work directory.
     *
     * @param war the WAR to deploy as {@code dialoghook.war}
     * @param secret the bot's secret
     * @return the CLI's run
     */
    CliRun installWithScript(Path war, String secret) throws IOException, InterruptedException {
        Files.createDirectories(work.resolve("target"));
        Files.copy(war, work.resolve("target/dialoghook.war"), StandardCopyOption.REPLACE_EXISTING);
        Path properties = secretFile("dialoghook-secret.properties", "dialoghook.secret", secret);
        try {
            return succeeded(script(Path.of(System.getProperty("wildfly.cliScript",
                    "server-config/wildfly/dialoghook.cli")).toAbsolutePath(), properties));
        } finally {
            Files.deleteIfExists(properties);
        }
    }

    /**
     * Adds a management user with {@code bin/add-user.sh -u NAME -p PASSWORD -s}, into this server's configuration
     * (its {@code mgmt-users.properties}, which the running server reads again by itself).
     *
     * @param name the user
     * @param password the password
     */
    void addManagementUser(String name, String password) throws IOException, InterruptedException {
        Path output = work.resolve("add-user.txt");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/add-user.sh").toString(), "-u", name, "-p",
                password, "-s", "-sc", base.resolve("configuration").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process addUser = builder.start();
        try {
            if (!addUser.waitFor(2, TimeUnit.MINUTES) || addUser.exitValue() != 0) {
                throw new AssertionError("add-user.sh failed:\n" + Files.readString(output));
            }
        } finally {
            addUser.destroyForcibly();
        }
    }

    /** Stops the server. */
    @Override
    public void close() throws InterruptedException {
        process.stop(Duration.ofSeconds(30));
        Runtime.getRuntime().removeShutdownHook(killOnExit);
    }
}
