package org.dialoghook.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.delivery.JsonSupport;

/**
 * Sends a recorded delivery to the webhook again, over loopback to the address the console's own request came to:
 * as it was (same token and body, so the replay store answers it with the first reply), or re-signed with a new
 * {@code jti} (so the handler runs again). The replay goes through the receiver like any delivery, and so into the
 * history.
 */
@ApplicationScoped
public class Replayer {

    private static final String BEARER = "Bearer ";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    LiveSettings live;

    @Inject
    JsonSupport json;

    /** How a delivery is sent again. */
    public enum Mode {
        /** The same token and body: a redelivery. */
        SAME,
        /** The same body with a new token: a new delivery. */
        RESIGNED
    }

    /**
     * Sends a delivery again.
     *
     * @param delivery the recorded delivery
     * @param mode as it was, or re-signed
     * @param console the console's own request, for the server's address and context root
     * @return the receiver's status and reply
     * @throws IllegalArgumentException when it cannot be re-signed (no Bearer token, no secret for its bot)
     */
    public HttpResponse<String> replay(RecordedDelivery delivery, Mode mode, HttpServletRequest console)
            throws IOException, InterruptedException {
        String authorization = mode == Mode.SAME ? delivery.authorization() : BEARER + resignedToken(delivery);
        return send(delivery.path(), delivery.contentType(), authorization, delivery.body(), console);
    }

    /**
     * A new token for a recorded delivery: its claims with a new {@code jti}, signed with its bot's secret.
     *
     * @param delivery the recorded delivery
     * @return the compact token
     * @throws IllegalArgumentException when it carried no Bearer token, or its bot has no secret
     */
    String resignedToken(RecordedDelivery delivery) {
        return Resigner.resign(tokenOf(delivery), secretOf(delivery.bot()), Clock.systemUTC(), json.provider());
    }

    /**
     * Posts a delivery to a path of the webhook, over loopback to the address the console's own request came to.
     *
     * @param path the webhook's path below the context root, for example {@code /webhook}
     * @param contentType the {@code Content-Type}, or {@code null}
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param body the body
     * @param console the console's own request, for the server's address and context root
     * @return the receiver's status and reply
     */
    public HttpResponse<String> send(String path, String contentType, String authorization, byte[] body,
            HttpServletRequest console) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookUri(path, console))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The webhook's address on this server, over loopback to the address the console's own request came to.
     *
     * @param path the webhook's path below the context root
     * @param console the console's own request
     * @return the URI
     */
    static URI webhookUri(String path, HttpServletRequest console) {
        String address = console.getLocalAddr();
        String host = address.contains(":") ? "[" + address.replaceAll("%.*$", "") + "]" : address;
        return URI.create(console.getScheme() + "://" + host + ":" + console.getLocalPort() + console.getContextPath()
                + path);
    }

    private static String tokenOf(RecordedDelivery delivery) {
        String authorization = delivery.authorization();
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new IllegalArgumentException("the delivery carried no Bearer token to sign again");
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /**
     * The secret a bot's deliveries are signed with.
     *
     * @param bot the bot's name
     * @return its secret
     * @throws IllegalArgumentException when the bot is not configured or has no secret
     */
    Secret secretOf(String bot) {
        return live.current().bot(bot).flatMap(BotSettings::secret).orElseThrow(() -> new IllegalArgumentException(
                "the bot '" + bot + "' has no secret configured to sign with"));
    }
}
