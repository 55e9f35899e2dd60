package org.dialoghook.console;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.Map;

/**
 * A recorded delivery written as commands to send it again from a shell: a {@code curl} line with a token signed
 * afresh for it, and the command-line sender's command, which signs with {@code DIALOGHOOK_SECRET} itself.
 */
final class Commands {

    private Commands() {
    }

    /**
     * The {@code curl} line.
     *
     * @param url the webhook's address
     * @param token a token signed afresh for this body
     * @param body the body
     * @return the line, quoted for a POSIX shell
     */
    static String curl(URI url, String token, String body) {
        return "curl -i -X POST " + quoted(url.toString()) + " -H 'Content-Type: application/json' -H "
                + quoted("Authorization: Bearer " + token) + " --data " + quoted(body);
    }

    /**
     * The command-line sender's command, when the body is one it can build: a handler name, and form answers and
     * parameters that are text.
     *
     * @param url the webhook's address
     * @param body the body
     * @param handlerField the member that names the handler
     * @return the command, or {@code null} when the sender cannot build this body
     */
    static String sender(URI url, JsonObject body, String handlerField) {
        if (!(body.get(handlerField) instanceof JsonString handler)) {
            return null;
        }
        StringBuilder args = new StringBuilder("--url ").append(quoted(url.toString())).append(" --handler ")
                .append(quoted(handler.getString()));
        for (Map.Entry<String, JsonValue> member : body.entrySet()) {
            String name = member.getKey();
            if (name.equals(handlerField)) {
                continue;
            }
            if (name.equals("formValues") && member.getValue() instanceof JsonObject form) {
                for (Map.Entry<String, JsonValue> answer : form.entrySet()) {
                    if (!(answer.getValue() instanceof JsonString text)) {
                        return null;
                    }
                    args.append(" --form ").append(quoted(answer.getKey() + "=" + text.getString()));
                }
            } else if (member.getValue() instanceof JsonString text) {
                args.append(" --param ").append(quoted(name + "=" + text.getString()));
            } else {
                return null;
            }
        }
        return "mvn -q -Psend test-compile exec:java -Dexec.args=" + quoted(args.toString());
    }

    /** A shell word in single quotes, a single quote in it written as {@code '\''}. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
