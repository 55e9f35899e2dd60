package org.dialoghook.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The server's own endpoints (health, metrics, OpenAPI) at the root of its HTTP port, where Payara Micro serves
 * them, on loopback. A server that serves one elsewhere or not at all makes the test skip, naming the facility.
 */
final class ServerEndpoints {

    private ServerEndpoints() {
    }

    /**
     * GETs a path at the root of the server's HTTP port.
     *
     * @param deployment the deployment's URL, for the port
     * @param path for example {@code /health/ready}
     * @param facility what is expected there, for the reason of a skip
     * @param headers header name/value pairs
     * @return the response, never a 404
     */
    static HttpResponse<String> get(URL deployment, String path, String facility, String... headers) {
        HttpResponse<String> response = WebhookIT.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + deployment.getPort() + path)).GET(), headers);
        assumeTrue(response.statusCode() != 404, () -> "the server offers no " + facility + " at " + path
                + " on its HTTP port");
        return response;
    }
}
