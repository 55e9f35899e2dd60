package com.example.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.dialoghook.testkit.DeliveryReply;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.WebhookClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shop's handlers, deployed in the WAR this project builds, answering signed deliveries. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShopHandlersIT {

    private static final String SECRET = "shop-bot-test-secret-0123456789abcdef";

    @ArquillianResource
    URL deployment;

    @Deployment
    static WebArchive war() {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "shop.war")
                .importFrom(new File(System.getProperty("handlers.war"))).as(WebArchive.class);
        return war.addAsResource(new StringAsset("dialoghook.secret=" + SECRET + "\n"),
                "META-INF/microprofile-config.properties");
    }

    private DeliveryReply send(DeliverySigner delivery) throws Exception {
        String contextRoot = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        URI webhook = URI.create("http://localhost:" + deployment.getPort() + contextRoot + "webhook");
        return new WebhookClient(webhook).send(delivery.sign());
    }

    @Test
    void quotesAPriceThroughAnotherEjb() throws Exception {
        DeliveryReply reply = send(DeliverySigner.withSecret(SECRET).handler("price-quote").formValue("item", "kettle"));
        assertEquals(200, reply.status());
        assertEquals("A kettle costs 39.90 EUR.", reply.firstText().orElseThrow());
    }

    @Test
    void pointsToABlockForAnItemNotSold() throws Exception {
        DeliveryReply reply = send(DeliverySigner.withSecret(SECRET).handler("price-quote").formValue("item", "anvil"));
        assertEquals("64a0c0ffee0000000000beef", reply.blocks().get(0).getString("id"));
    }

    @Test
    void greetsWithButtons() throws Exception {
        DeliveryReply reply = send(DeliverySigner.withSecret(SECRET).handler("greeting").formValue("name", "Ada"));
        assertEquals("buttons", reply.blocks().get(0).getString("type"));
        assertEquals(2, reply.blocks().get(0).getJsonArray("buttons").size());
    }

    @Test
    void acceptsAValidSupportRequest() throws Exception {
        DeliveryReply reply = send(DeliverySigner.withSecret(SECRET).handler("support-request")
                .formValue("email", "ada@example.org").formValue("description", "The kettle does not boil."));
        assertEquals("Thanks, we will answer at ada@example.org.", reply.firstText().orElseThrow());
    }

    @Test
    void answersAnInvalidSupportRequestWithTheMessages() throws Exception {
        DeliveryReply reply = send(DeliverySigner.withSecret(SECRET).handler("support-request")
                .formValue("email", "nope").formValue("description", "broken"));
        assertEquals(200, reply.status());
        assertEquals("description: please describe the problem in at least 10 characters\n"
                + "email: that is not an e-mail address", reply.firstText().orElseThrow());
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() throws Exception {
        DeliveryReply reply = send(DeliverySigner.withSecret("someone-elses-secret-0123456789").handler("greeting"));
        assertEquals(401, reply.status());
        assertEquals("urn:dialoghook:problem:invalid-token", reply.problem().orElseThrow().getString("type"));
    }
}
