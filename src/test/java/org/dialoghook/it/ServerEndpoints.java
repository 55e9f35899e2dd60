package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Where the server under test serves its own endpoints (health, metrics, OpenAPI), on loopback. Payara Micro
 * serves all three at the root of its HTTP port. WildFly, on the build's standalone.xml with
 * {@code server-config/wildfly/microprofile.cli} applied, serves health on its management port and OpenAPI at the
 * root of its HTTP port (one description of every deployment, from the host's root), and has no MicroProfile
 * Metrics. The Failsafe execution names the server in the system
 * property {@code dialoghook.it.server}. A facility missing where the server should serve it fails the test.
 */
final class ServerEndpoints {

    /** A facility of the server, named as a failure names it. */
    enum Facility {
        /** MicroProfile Health: {@code /health/ready}, {@code /health/live}. */
        HEALTH("MicroProfile Health"),
        /** MicroProfile Metrics: {@code /metrics}. */
        METRICS("MicroProfile Metrics"),
        /** MicroProfile OpenAPI: {@code /openapi}. */
        OPENAPI("MicroProfile OpenAPI");

        private final String title;

        Facility(String title) {
            this.title = title;
        }
    }

    private ServerEndpoints() {
    }

    /**
     * GETs a path of a facility where the server under test serves it.
     *
     * @param deployment the deployment's URL, for the HTTP port
     * @param facility what is expected there
     * @param path for example {@code /health/ready}
     * @param headers header name/value pairs
     * @return the response, never a 404
     */
    static HttpResponse<String> get(URL deployment, Facility facility, String path, String... headers) {
        URI uri = URI.create(root(deployment, facility) + path);
        HttpResponse<String> response = WebhookIT.send(HttpRequest.newBuilder(uri).GET(), headers);
        assertNotEquals(404, response.statusCode(), () -> server() + " serves no " + facility.title + " at " + uri);
        return response;
    }

    /**
     * The key of a path of the deployment in the server's OpenAPI description. Payara Micro writes the
     * deployment's paths as they are and names its context root in {@code servers}; WildFly describes every
     * deployment of the host in one document, from the host's root, so its paths begin with the context root.
     *
     * @param deployment the deployment's URL, for the context root
     * @param path a path below the context root, for example {@code /webhook}
     * @return the key under {@code paths}
     */
    static String openApiPath(URL deployment, String path) {
        return switch (server()) {
            case "payara-micro" -> path;
            case "wildfly" -> deployment.getPath().replaceAll("/+$", "") + path;
            default -> throw new IllegalStateException("unknown server in dialoghook.it.server: " + server());
        };
    }

    private static String root(URL deployment, Facility facility) {
        String httpRoot = "http://localhost:" + deployment.getPort();
        return switch (server()) {
            case "payara-micro" -> httpRoot;
            case "wildfly" -> switch (facility) {
                case HEALTH -> "http://127.0.0.1:" + managementPort();
                case OPENAPI -> httpRoot;
                case METRICS -> throw new AssertionError("WildFly has no MicroProfile Metrics: a test of it is a "
                        + "PayaraMicro*IT, which the WildFly run leaves out");
            };
            default -> throw new IllegalStateException("unknown server in dialoghook.it.server: " + server());
        };
    }

    private static String server() {
        return System.getProperty("dialoghook.it.server", "payara-micro");
    }

    private static String managementPort() {
        String port = System.getProperty("wildfly.management.port");
        if (port == null || port.isBlank()) {
            throw new IllegalStateException("the build passes WildFly's management port as wildfly.management.port");
        }
        return port;
    }
}
