package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.it.handlers.SettingsEchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The Payara command files do what their README promises on Payara Micro: booted with
 * {@code server-config/payara-micro/secret-alias.asadmin} followed by {@code server-config/payara/dialoghook.asadmin}
 * as its post-boot command file (the build joins them, as the README tells users to), the server holds the secret
 * as a password alias and every setting as a config property, and the receiver accepts deliveries signed with the
 * alias's secret. The container {@code payara-micro-scripted} of arquillian.xml boots that way.
 */
class PayaraMicroScriptIT extends WebhookIT {

    /** Test-only secret in the WAR's own settings: the command file's settings must win over it. */
    private static final String WAR_SECRET = "war-level-secret-that-the-alias-overrides-012";

    /**
     * The WAR carries settings of its own (another secret, HS512 only, a 100-byte limit); the command file's
     * config properties outrank them, so what is accepted shows that the file's values are in effect.
     */
    @Deployment
    @TargetsContainer("payara-micro-scripted")
    static WebArchive deployment() {
        return receiver("scripted", Map.of(
                "dialoghook.secret", WAR_SECRET,
                "dialoghook.jwt.algorithms", "HS512",
                "dialoghook.max-body-bytes", "100"), EchoHandler.class, SettingsEchoHandler.class);
    }

    /** The secret the alias holds: the password file the Failsafe execution names in DH_ALIAS_PASSWORD_FILE. */
    private static String aliasSecret() throws IOException {
        Properties passwords = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(System.getProperty("payara.micro.aliasPasswordFile")),
                StandardCharsets.UTF_8)) {
            passwords.load(reader);
        }
        String secret = passwords.getProperty("AS_ADMIN_ALIASPASSWORD");
        assertTrue(secret != null && !secret.isBlank(), "the test's password file holds AS_ADMIN_ALIASPASSWORD");
        return secret;
    }

    @Test
    void aDeliverySignedWithTheAliasSecretIsAcceptedWithTheFilesSettings() throws IOException {
        String body = "x".repeat(2000);
        HttpResponse<String> response = deliver(DeliverySigner.withSecret(aliasSecret()).handler("echo")
                .formValue("note", body).sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("note=" + body, json(response).getJsonArray("blocks").getJsonObject(0).getString("text"),
                "HS256 and a 1 MiB limit from the command file, not HS512 and 100 bytes from the WAR");
    }

    /**
     * Payara Micro only logs a boot command that fails, so every command of the settings file must be one the
     * test reads, and every one must be in effect.
     */
    @Test
    void everySettingOfTheCommandFileIsInEffect() throws IOException {
        Path settingsFile = Path.of("server-config/payara/dialoghook.asadmin");
        for (String line : Files.readAllLines(settingsFile, StandardCharsets.UTF_8)) {
            assertTrue(line.isBlank() || line.startsWith("#") || ScriptSettings.ASADMIN.matcher(line).matches(),
                    () -> "a command this test does not check: " + line);
        }
        ScriptSettings.assertInEffect(ScriptSettings.of(settingsFile, ScriptSettings.ASADMIN), aliasSecret(),
                this::deliver);
    }

    @Test
    void theWarsOwnSecretNoLongerCounts() throws IOException {
        HttpResponse<String> response = deliver(DeliverySigner.withSecret(WAR_SECRET).handler("echo").sign());
        assertProblem(response, 401, "invalid-token");
        assertFalse(response.body().contains(aliasSecret()), "the secret is never in a reply");
    }
}
