package org.dialoghook.testkit;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import jakarta.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Command-line sender: signs one delivery and posts it, then prints the status and the reply.
 *
 * <pre>
 * mvn -q -Psend test-compile exec:java -Dexec.args="--url http://localhost:8080/webhook --handler echo --form name=Ada"
 * </pre>
 *
 * <p>Options: {@code --url} (default {@code http://localhost:8080/webhook}), {@code --secret} (default the
 * environment variable {@code DIALOGHOOK_SECRET}), {@code --handler} (default {@code echo}),
 * {@code --form name=value} and {@code --param name=value} (repeatable), {@code --binding hash|claims|none}.
 * With {@code --transcript FILE} it runs a transcript the development console saved instead, prints the replies
 * that differ from the recorded ones, and exits with status 1 when any does.
 */
public final class SendDelivery {

    private SendDelivery() {
    }

    /**
     * Runs the sender.
     *
     * @param args the options
     * @throws Exception when the receiver cannot be reached
     */
    public static void main(String[] args) throws Exception {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the sender, printing to a stream.
     *
     * @param args the options
     * @param out where the reply, or a transcript's differences, are printed
     * @return the exit status: 1 when a transcript's replies differ from the recorded ones, else 0
     * @throws Exception when the receiver cannot be reached
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        Deque<String> options = new ArrayDeque<>(List.of(args));
        String url = "http://localhost:8080/webhook";
        String secret = System.getenv("DIALOGHOOK_SECRET");
        String handler = "echo";
        List<String[]> forms = new ArrayList<>();
        List<String[]> params = new ArrayList<>();
        DeliverySigner.Binding binding = DeliverySigner.Binding.HASH;
        Path transcript = null;
        while (!options.isEmpty()) {
            String option = options.pop();
            switch (option) {
                case "--url" -> url = value(options, option);
                case "--secret" -> secret = value(options, option);
                case "--handler" -> handler = value(options, option);
                case "--form" -> forms.add(pair(value(options, option)));
                case "--param" -> params.add(pair(value(options, option)));
                case "--binding" -> binding = switch (value(options, option)) {
                    case "hash" -> DeliverySigner.Binding.HASH;
                    case "claims" -> DeliverySigner.Binding.CLAIMS;
                    case "none" -> DeliverySigner.Binding.NONE;
                    default -> throw usage("--binding takes hash, claims or none");
                };
                case "--transcript" -> transcript = Path.of(value(options, option));
                default -> throw usage("unknown option " + option);
            }
        }
        if (secret == null || secret.isEmpty()) {
            throw usage("give --secret or set DIALOGHOOK_SECRET");
        }
        if (transcript != null) {
            String key = secret;
            List<Transcript.Outcome> outcomes = Transcript.read(transcript).runAgainst(URI.create(url), bot -> key);
            out.print(Transcript.describe(outcomes));
            return Transcript.allAsRecorded(outcomes) ? 0 : 1;
        }
        DeliverySigner signer = DeliverySigner.withSecret(secret).handler(handler).binding(binding);
        for (String[] form : forms) {
            signer.formValue(form[0], form[1]);
        }
        for (String[] param : params) {
            signer.parameter(param[0], Json.createValue(param[1]));
        }
        DeliveryReply reply = new WebhookClient(URI.create(url)).send(signer.sign());
        out.println("HTTP " + reply.status() + " " + reply.contentType());
        out.println(reply.body());
        return 0;
    }

    private static String value(Deque<String> options, String option) {
        if (options.isEmpty()) {
            throw usage(option + " needs a value");
        }
        return options.pop();
    }

    private static String[] pair(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw usage("expected name=value, got '" + text + "'");
        }
        return new String[] {text.substring(0, equals), text.substring(equals + 1)};
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\nusage: --url URL --secret SECRET --handler NAME "
                + "[--form name=value]... [--param name=value]... [--binding hash|claims|none]\n"
                + "   or: --url URL --secret SECRET --transcript FILE");
    }
}
