package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.dialoghook.it.handlers.CountingHandler;
import org.dialoghook.it.handlers.InspectHandler;
import org.dialoghook.it.handlers.ContactForm;
import org.dialoghook.it.team.AdminResource;
import org.dialoghook.it.team.OrderNotFoundException;
import org.dialoghook.it.team.OrderNotFoundMapper;
import org.dialoghook.it.team.OrderResource;
import org.dialoghook.it.team.PingServlet;
import org.dialoghook.it.team.TeamApi;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Dialoghook as a guest in a team's WAR: the team's own JAX-RS application (scanning, at {@code /api}), resources,
 * exception mapper, servlet, static page and security constraint behave as without Dialoghook, while Dialoghook
 * serves its own endpoints; wherever a runtime also lists the webhook resource in the team's application, a
 * delivery there is verified exactly as at {@code /webhook}.
 */
class TeamWarIT extends WebhookIT {

    private static final String PAGE = "<!DOCTYPE html><html><head><title>Team shop</title></head>"
            + "<body><h1>Team shop</h1></body></html>";

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <security-constraint>
                    <web-resource-collection>
                        <web-resource-name>admin</web-resource-name>
                        <url-pattern>/api/admin/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint/>
                </security-constraint>
            </web-app>
            """;

    @Deployment
    static WebArchive deployment() {
        return teamWar("team", withSecret(), CountingHandler.class, InspectHandler.class, ContactForm.class,
                TeamApi.class, OrderResource.class, AdminResource.class, OrderNotFoundException.class,
                OrderNotFoundMapper.class, PingServlet.class)
                .addAsWebResource(new StringAsset(PAGE), "index.html")
                .setWebXML(new StringAsset(WEB_XML));
    }

    private static boolean isProblem(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    @Test
    void theTeamsStaticPageIsServed() {
        HttpResponse<String> page = get("/index.html");
        assertEquals(200, page.statusCode(), page::body);
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(PAGE, page.body());
    }

    @Test
    void theTeamsServletIsServed() {
        HttpResponse<String> ping = get("/ping");
        assertEquals(200, ping.statusCode(), ping::body);
        assertEquals("pong", ping.body());
    }

    @Test
    void theTeamsResourceAnswersAtItsApplicationPathOnly() {
        HttpResponse<String> order = get("/api/orders/7");
        assertEquals(200, order.statusCode(), order::body);
        assertTrue(order.body().contains("shipped"), order::body);
        HttpResponse<String> atRoot = get("/orders/7");
        assertEquals(404, atRoot.statusCode(), atRoot::body);
        assertFalse(atRoot.body().contains("shipped"), atRoot::body);
        assertFalse(isProblem(atRoot), "the server's own 404, not Dialoghook's");
    }

    @Test
    void theTeamsExceptionMapperAnswersForTheTeamsResource() {
        HttpResponse<String> missing = get("/api/orders/999");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"no order 999\"}", missing.body());
        assertFalse(isProblem(missing));
    }

    @Test
    void theTeamsErrorsKeepTheServersHandling() {
        HttpResponse<String> noPage = get("/no-such-page.html");
        assertEquals(404, noPage.statusCode());
        assertFalse(isProblem(noPage), "Dialoghook's error page is not the team's");
        HttpResponse<String> noResource = get("/api/no/such/resource");
        assertEquals(404, noResource.statusCode());
        assertFalse(isProblem(noResource), "Dialoghook's mappers do not act in the team's application");
    }

    @Test
    void theTeamsSecurityConstraintHoldsAndNothingGoesAroundIt() {
        assertEquals(403, get("/api/admin/stats").statusCode());
        HttpResponse<String> atRoot = get("/admin/stats");
        assertEquals(404, atRoot.statusCode());
        assertFalse(atRoot.body().contains("secret statistics"), atRoot::body);
    }

    @Test
    void dialoghookServesItsOwnEndpoint() {
        HttpResponse<String> reply = deliver(signer().handler("inspect").formValue("name", "Ada").sign());
        assertEquals(200, reply.statusCode(), reply::body);
        assertEquals("name", json(reply).getJsonArray("blocks").getJsonObject(0).getString("text"));
        assertProblem(post("/webhook", "{\"handler\":\"inspect\"}", "Content-Type", "application/json"),
                401, "missing-token");
        assertProblem(get("/webhook"), 405, "method-not-allowed");
        assertProblem(get("/webhook/application.wadl"), 405, "method-not-allowed"); // no description of the runtime's own
    }

    /**
     * A runtime that adopts the webhook resource into the team's scanning application serves it at
     * {@code /api} too; the token filter comes with it, so a delivery there is refused or answered exactly as at
     * {@code /webhook}, and no handler runs without a verified token.
     */
    @Test
    void thereIsNoUnverifiedWayToAHandlerThroughTheTeamsApplication() {
        for (String path : List.of("/api", "/api/", "/api/default")) {
            SignedDelivery valid = signer().handler("count").sign();
            HttpResponse<String> unsigned = post(path, valid.body(), "Content-Type", "application/json");
            assertNotEquals(200, unsigned.statusCode(), () -> path + " ran a handler without a token");
            assertTrue(List.of(401, 404, 405).contains(unsigned.statusCode()), () -> path + ": " + unsigned.body());
            SignedDelivery forged = DeliverySigner.withSecret("not-the-secret-of-this-bot-00000000").handler("count").sign();
            HttpResponse<String> wrongSecret = post(path, forged.body(), "Content-Type", "application/json",
                    "Authorization", "Bearer " + forged.token());
            assertNotEquals(200, wrongSecret.statusCode(), () -> path + " ran a handler with a forged token");
            HttpResponse<String> signed = post(path, valid.body(), "Content-Type", "application/json",
                    "Authorization", "Bearer " + valid.token());
            if (signed.statusCode() == 200) {
                assertEquals(401, unsigned.statusCode(), "verified there as at /webhook");
                assertEquals(401, wrongSecret.statusCode(), "verified there as at /webhook");
                assertTrue(json(signed).getJsonArray("blocks").getJsonObject(0).getString("text").startsWith("run "));
            } else {
                assertTrue(List.of(404, 405).contains(signed.statusCode()), () -> path + ": " + signed.body());
            }
        }
    }
}
