package org.dialoghook.testkit;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;

/**
 * Sends a signed delivery to a receiver, as the platform would, and returns the parsed reply.
 *
 * <pre>{@code
 * WebhookClient client = new WebhookClient(URI.create("http://localhost:8080/webhook"));
 * DeliveryReply reply = client.send(DeliverySigner.withSecret(secret).handler("echo").formValue("a", "b").sign());
 * assertEquals(200, reply.status());
 * }</pre>
 */
public final class WebhookClient {

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * Creates a client for one webhook URL with a 30-second timeout.
     *
     * @param url for example {@code http://localhost:8080/webhook}
     */
    public WebhookClient(URI url) {
        this(url, Duration.ofSeconds(30));
    }

    /**
     * Creates a client for one webhook URL.
     *
     * @param url the webhook URL
     * @param timeout how long to wait for a reply
     */
    public WebhookClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Posts the delivery with its token and parses the reply.
     *
     * @param delivery the signed delivery
     * @return the reply
     * @throws IOException when the receiver cannot be reached
     * @throws InterruptedException when interrupted while waiting
     */
    public DeliveryReply send(SignedDelivery delivery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.token())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new DeliveryReply(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), parse(response.body()));
    }

    private static JsonObject parse(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
