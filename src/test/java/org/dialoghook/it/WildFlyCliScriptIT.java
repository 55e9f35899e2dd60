package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.SettingsEchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code server-config/wildfly/dialoghook.cli} does what its README promises: run with WildFly's CLI against a
 * fresh server, exactly as an operator runs it, it stores the secret encrypted, sets every setting and deploys
 * the WAR; the receiver then accepts deliveries signed with that secret, before and after a restart, and the
 * script can be run again. Without the secret file it stops before storing anything or deploying. The server
 * is the manual container {@code wildfly-scripted} of arquillian.xml, on a fresh copy of the configuration the
 * build prepared with {@code server-config/wildfly/microprofile.cli}, as the README's operator has it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyCliScriptIT {

    private static final String CONTAINER = "wildfly-scripted";

    /** Test-only secret that the script stores; given to the CLI in a properties file, as the README says. */
    private static final String SCRIPT_SECRET = "cli-test-secret-3e9b7c1d5a2f4086-Zq/+=";

    /** Test-only secret in the WAR's own settings: the script's system property must win over it. */
    private static final String WAR_SECRET = "war-level-secret-that-the-script-overrides-01";

    @ArquillianResource
    ContainerController controller;

    @Test
    void theScriptStoresTheSecretEncryptedSetsTheSettingsAndDeploysTheWar() throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home"));
        Path base = Path.of(System.getProperty("wildfly.scripted.baseDir"));
        Path work = base.resolveSibling(base.getFileName() + "-cli");
        freshCopy(Path.of(System.getProperty("wildfly.configuredBaseDir")), base);
        Path secretFile = prepareWorkDirectory(work);
        controller.start(CONTAINER);
        try {
            CliRun withoutSecret = runCli(home, work, null);
            assertTrue(withoutSecret.exitCode() != 0, "without the secret file the script stops:\n" + withoutSecret.output());
            String untouched = Files.readString(base.resolve("configuration/standalone.xml"));
            assertFalse(untouched.contains("dialoghook.secret") || untouched.contains("dialoghook.war"),
                    "it stops before storing a secret or deploying");

            String output = runScript(home, work, secretFile);
            assertFalse(output.contains(SCRIPT_SECRET), "the CLI never prints the secret");
            String configuration = Files.readString(base.resolve("configuration/standalone.xml"));
            assertFalse(configuration.contains(SCRIPT_SECRET), "standalone.xml never holds the clear secret");
            assertTrue(configuration.contains("${ENC::dialoghook:"), "the secret is kept as an encrypted expression");
            assertFalse(configuration.contains("dialoghook-expression-holder"), "the script leaves no helper behind");
            assertTheScriptsSettingsAreInEffect();
            assertTheMicroProfileScriptFindsEverythingInPlace(home, work);

            controller.stop(CONTAINER);
            controller.start(CONTAINER);
            assertTheScriptsSettingsAreInEffect();

            runScript(home, work, secretFile);
            assertTheScriptsSettingsAreInEffect();
        } finally {
            controller.stop(CONTAINER);
        }
        assertFalse(Files.readString(base.resolve("log/server.log")).contains(SCRIPT_SECRET),
                "the secret never reaches the server log");
    }

    /**
     * Every setting the script writes has the script's value in the deployment. The WAR the script deploys
     * carries settings of its own (another secret, HS512 only, a 100-byte limit) that the script's system
     * properties outrank, so what is accepted shows it too.
     */
    private static void assertTheScriptsSettingsAreInEffect() throws IOException {
        ScriptSettings.assertInEffect(ScriptSettings.of(Path.of(System.getProperty("wildfly.cliScript")),
                ScriptSettings.JBOSS_CLI), SCRIPT_SECRET, WildFlyCliScriptIT::deliver);
        SignedDelivery delivery = DeliverySigner.withSecret(SCRIPT_SECRET).handler("echo")
                .formValue("note", "x".repeat(2000)).sign();
        HttpResponse<String> response = deliver(delivery);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("note=" + "x".repeat(2000),
                WebhookIT.json(response).getJsonArray("blocks").getJsonObject(0).getString("text"));

        HttpResponse<String> warSecret = deliver(DeliverySigner.withSecret(WAR_SECRET).handler("echo").sign());
        WebhookIT.assertProblem(warSecret, 401, "invalid-token");
        assertFalse(warSecret.body().contains(SCRIPT_SECRET), "the secret is never in a reply");
    }

    /**
     * {@code microprofile.cli}, run online on the server it already configured, changes nothing and needs no
     * reload; the server's readiness, on its management port, has the receiver's check, UP.
     */
    private static void assertTheMicroProfileScriptFindsEverythingInPlace(Path home, Path work)
            throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("wildfly.cliScript")).resolveSibling("microprofile.cli");
        CliRun run = runCli(home, work, null, script);
        assertEquals(0, run.exitCode(), () -> "the script failed:\n" + run.output());
        assertFalse(run.output().contains("outcome"), () -> "it found everything in place:\n" + run.output());
        HttpResponse<String> ready = WebhookIT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty("wildfly.scripted.management.port") + "/health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready::body);
        assertEquals("UP", HealthChecks.named(WebhookIT.json(ready), "dialoghook").getString("status"), ready::body);
    }

    private static HttpResponse<String> deliver(SignedDelivery delivery) {
        URI webhook = URI.create("http://localhost:" + System.getProperty("wildfly.scripted.http.port")
                + "/dialoghook/webhook");
        return WebhookIT.send(HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofString(delivery.body())),
                "Content-Type", "application/json", "Authorization", "Bearer " + delivery.token());
    }

    /**
     * Lays out what an operator has: {@code target/dialoghook.war} below the directory the CLI runs in (here the
     * production WAR plus the example echo handler and conflicting settings of its own), and the secret in a
     * properties file readable by its owner only.
     */
    private static Path prepareWorkDirectory(Path work) throws IOException {
        FileTrees.delete(work);
        Files.createDirectories(work.resolve("target"));
        WebhookIT.receiver("dialoghook", Map.of(
                        "dialoghook.secret", WAR_SECRET,
                        "dialoghook.jwt.algorithms", "HS512",
                        "dialoghook.max-body-bytes", "100"), EchoHandler.class, SettingsEchoHandler.class)
                .as(ZipExporter.class).exportTo(work.resolve("target/dialoghook.war").toFile(), true);
        Path secretFile = Files.createFile(work.resolve("dialoghook-secret.properties"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, "dialoghook.secret=" + SCRIPT_SECRET + "\n", StandardCharsets.UTF_8);
        return secretFile;
    }

    /** Runs the script with the server's own CLI, as the README says, and asserts that every step succeeded. */
    private static String runScript(Path home, Path work, Path secretFile) throws IOException, InterruptedException {
        CliRun run = runCli(home, work, secretFile);
        assertEquals(0, run.exitCode(), () -> "the script failed:\n" + run.output());
        assertFalse(run.output().contains("\"outcome\" => \"failed\""), run.output());
        return run.output();
    }

    /** What a run of the CLI printed, and how it ended. */
    private record CliRun(int exitCode, String output) {
    }

    /**
     * Runs {@code jboss-cli.sh --connect [--properties=<secret file>] --file=<script>} in the work directory.
     *
     * @param secretFile the properties file with the secret, or {@code null} to run without one
     */
    private static CliRun runCli(Path home, Path work, Path secretFile) throws IOException, InterruptedException {
        return runCli(home, work, secretFile, Path.of(System.getProperty("wildfly.cliScript")));
    }

    /** Runs {@code jboss-cli.sh --connect [--properties=<secret file>] --file=<script>} in the work directory. */
    private static CliRun runCli(Path home, Path work, Path secretFile, Path script)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + System.getProperty("wildfly.scripted.management.port")));
        if (secretFile != null) {
            command.add("--properties=" + secretFile);
        }
        command.add("--file=" + script);
        Path log = work.resolve("cli-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = builder.start();
        try {
            if (!cli.waitFor(5, TimeUnit.MINUTES)) {
                throw new AssertionError("the CLI did not end:\n" + Files.readString(log));
            }
        } finally {
            cli.destroyForcibly();
        }
        String text = Files.readString(log);
        System.out.println(text);
        return new CliRun(cli.exitValue(), text);
    }

    private static void freshCopy(Path from, Path to) throws IOException {
        FileTrees.delete(to);
        FileTrees.copy(from, to);
    }
}
