package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.dialoghook.it.handlers.InspectHandler;
import org.dialoghook.it.handlers.ContactForm;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The webhook's path moved without code: a {@code web.xml} servlet mapping for Dialoghook's application, as
 * docs/operators.md shows it, serves the webhook at {@code /bots} instead of {@code /webhook}, verified the same way.
 */
class WebhookPathIT extends WebhookIT {

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <servlet>
                    <servlet-name>org.dialoghook.internal.http.WebhookApplication</servlet-name>
                </servlet>
                <servlet-mapping>
                    <servlet-name>org.dialoghook.internal.http.WebhookApplication</servlet-name>
                    <url-pattern>/bots/*</url-pattern>
                </servlet-mapping>
                <servlet>
                    <servlet-name>dialoghook-error</servlet-name>
                    <servlet-class>org.dialoghook.internal.http.ContainerErrorServlet</servlet-class>
                </servlet>
                <servlet-mapping>
                    <servlet-name>dialoghook-error</servlet-name>
                    <url-pattern>/dialoghook-error</url-pattern>
                    <url-pattern>/</url-pattern>
                </servlet-mapping>
                <error-page>
                    <location>/dialoghook-error</location>
                </error-page>
            </web-app>
            """;

    @Deployment
    static WebArchive deployment() {
        return receiver("moved", withSecret(), InspectHandler.class, ContactForm.class).setWebXML(new StringAsset(WEB_XML));
    }

    @Test
    void aDeliveryIsServedAtTheMappedPath() {
        var delivery = signer().handler("inspect").formValue("city", "Bern").sign();
        HttpResponse<String> reply = post("/bots", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token());
        assertEquals(200, reply.statusCode(), reply::body);
        assertEquals("city", json(reply).getJsonArray("blocks").getJsonObject(0).getString("text"));
    }

    @Test
    void theMappedPathIsVerifiedAsTheDefaultOneIs() {
        var delivery = signer().handler("inspect").sign();
        assertProblem(post("/bots", delivery.body(), "Content-Type", "application/json"), 401, "missing-token");
        assertProblem(post("/bots/sales", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token()), 404, "not-found");
    }

    @Test
    void theDefaultPathIsNoLongerServed() {
        var delivery = signer().handler("inspect").sign();
        assertProblem(post("/webhook", delivery.body(), "Content-Type", "application/json",
                "Authorization", "Bearer " + delivery.token()), 404, "not-found");
    }
}
