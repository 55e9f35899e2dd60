package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;

/**
 * The settings a server script writes, read from the script itself, and the check that a deployment sees
 * each of them with the script's value (through the test handler {@code settings}). The secret is left out:
 * the tests prove it by signing with it.
 */
final class ScriptSettings {

    /** {@code set-config-property --propertyName=<name> --propertyValue=<value> --source=domain}. */
    static final Pattern ASADMIN = Pattern.compile(
            "(?m)^set-config-property --propertyName=(\\S+) --propertyValue=(\\S+) --source=domain\\s*$");

    /** {@code /system-property=<name>:add(value=<value>)}, the value possibly in double quotes. */
    static final Pattern JBOSS_CLI = Pattern.compile(
            "(?m)^\\s*/system-property=(\\S+):add\\(value=\"?([^\")]*)\"?\\)\\s*$");

    private ScriptSettings() {
    }

    /**
     * The settings of a script, in the order they appear, without the secret.
     *
     * @param script the script file
     * @param command the pattern of one command that sets a setting: group 1 the name, group 2 the value
     * @return name to value; never empty
     */
    static Map<String, String> of(Path script, Pattern command) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher matcher = command.matcher(Files.readString(script));
        while (matcher.find()) {
            if (!matcher.group(1).equals("dialoghook.secret")) {
                settings.put(matcher.group(1), matcher.group(2));
            }
        }
        assertFalse(settings.isEmpty(), "the script sets settings: " + script);
        return settings;
    }

    /**
     * Asks the deployment's {@code settings} handler for each setting and asserts it has the script's value.
     *
     * @param settings name to value, as the script writes them
     * @param secret the secret to sign with
     * @param deliver sends a signed delivery to the deployment
     */
    static void assertInEffect(Map<String, String> settings, String secret,
            Function<SignedDelivery, HttpResponse<String>> deliver) {
        DeliverySigner signer = DeliverySigner.withSecret(secret).handler("settings");
        settings.keySet().forEach(name -> signer.formValue(name, ""));
        HttpResponse<String> response = deliver.apply(signer.sign());
        assertEquals(200, response.statusCode(), response::body);
        JsonObject effective = WebhookIT.json(response).getJsonObject("attributes");
        settings.forEach((name, value) -> assertEquals(value, effective.getString(name, null),
                () -> name + " as the script sets it"));
    }
}
