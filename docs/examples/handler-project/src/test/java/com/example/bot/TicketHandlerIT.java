package com.example.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.dialoghook.testkit.DeliveryReply;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
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

/**
 * The ticket handler with the replay store in the server's default data source ({@code jdbc/__default} on Payara),
 * the one its persistence unit uses: a redelivery is answered with the first run's reply, the same ticket.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TicketHandlerIT {

    private static final String SECRET = "shop-bot-test-secret-0123456789abcdef";

    @ArquillianResource
    URL deployment;

    @Deployment
    static WebArchive war() {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "tickets.war")
                .importFrom(new File(System.getProperty("handlers.war"))).as(WebArchive.class);
        return war.addAsResource(new StringAsset("dialoghook.secret=" + SECRET + "\n"
                + "dialoghook.replay.store=jdbc\n"
                + "dialoghook.replay.datasource=jdbc/__default\n"), "META-INF/microprofile-config.properties");
    }

    private DeliveryReply send(SignedDelivery delivery) throws Exception {
        String contextRoot = deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
        URI webhook = URI.create("http://localhost:" + deployment.getPort() + contextRoot + "webhook");
        return new WebhookClient(webhook).send(delivery);
    }

    private static SignedDelivery ticketAbout(String topic) {
        return DeliverySigner.withSecret(SECRET).handler("open-ticket").formValue("topic", topic).sign();
    }

    @Test
    void opensATicketAndAnswersACopyWithTheSameTicket() throws Exception {
        SignedDelivery delivery = ticketAbout("the kettle does not boil");
        DeliveryReply first = send(delivery);
        assertEquals(200, first.status());
        String ticket = first.attributes().getString("ticket");
        assertTrue(first.firstText().orElseThrow().startsWith("Ticket " + ticket + " is open"), first.body()::toString);
        assertEquals(first.body(), send(delivery).body(), "the copy got the first run's reply: no second ticket");
    }

    @Test
    void opensANewTicketForEachDelivery() throws Exception {
        DeliveryReply one = send(ticketAbout("a dent in the toaster"));
        DeliveryReply other = send(ticketAbout("a dent in the toaster"));
        assertNotEquals(one.attributes().getString("ticket"), other.attributes().getString("ticket"));
    }
}
