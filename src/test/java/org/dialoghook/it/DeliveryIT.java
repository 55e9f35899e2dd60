package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.examples.TicketDesk;
import org.dialoghook.examples.TicketHandler;
import org.dialoghook.internal.dispatch.HandlerRunner;
import org.dialoghook.it.handlers.AppScopedHandler;
import org.dialoghook.it.handlers.ContactForm;
import org.dialoghook.it.handlers.DependentHandler;
import org.dialoghook.it.handlers.FailingHandler;
import org.dialoghook.it.handlers.InspectHandler;
import org.dialoghook.it.handlers.RequestScopedHandler;
import org.dialoghook.it.handlers.SingletonEjbHandler;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A signed delivery reaches each kind of handler bean and its reply comes back, on the default settings. */
class DeliveryIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("delivery", withSecret(), EchoHandler.class, TicketHandler.class, TicketDesk.class,
                AppScopedHandler.class, RequestScopedHandler.class, DependentHandler.class, SingletonEjbHandler.class,
                InspectHandler.class, ContactForm.class, FailingHandler.class);
    }

    @Test
    void echoListsEachFormValueInOrder() {
        HttpResponse<String> response = deliver(signer().handler("echo")
                .formValue("name", "Zoë")
                .formValue("city", Json.createObjectBuilder().add("value", "東京").build())
                .formValue("age", Json.createValue(42))
                .sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonObject reply = json(response);
        assertEquals(1, reply.getJsonArray("blocks").size());
        JsonObject text = reply.getJsonArray("blocks").getJsonObject(0);
        assertEquals("text", text.getString("type"));
        assertEquals("name=Zoë\ncity=東京\nage=42", text.getString("text"));
        assertFalse(reply.containsKey("attributes"), "no attributes, so none are written");
    }

    @Test
    void ticketIsAStatelessEjbCallingAnotherEjbAndRepliesWithABlockPointer() {
        JsonObject first = json(deliver(signer().handler("ticket").formValue("subject", "printer").sign()));
        JsonObject second = json(deliver(signer().handler("ticket").formValue("subject", "coffee").sign()));
        assertEquals(Json.createObjectBuilder().add("id", "60db2d02d19a13bc109c5bd4").build(),
                first.getJsonArray("blocks").getJsonObject(0));
        assertEquals(first.getJsonObject("attributes").getInt("ticketNumber") + 1,
                second.getJsonObject("attributes").getInt("ticketNumber"));
    }

    @Test
    void eachBeanKindIsDispatched() {
        for (String kind : List.of("app-scoped", "request-scoped", "dependent", "singleton-ejb", "ticket")) {
            HttpResponse<String> response = deliver(signer().handler(kind).sign());
            assertEquals(200, response.statusCode(), () -> kind + ": " + response.body());
        }
        int appCalls = json(deliver(signer().handler("app-scoped").sign())).getJsonObject("attributes").getInt("calls");
        assertTrue(json(deliver(signer().handler("app-scoped").sign())).getJsonObject("attributes")
                .getInt("calls") > appCalls, "one application-scoped instance serves every delivery");
        // more deliveries than the handler pool has threads, so that pool threads serve several in turn
        for (int i = 0; i < HandlerRunner.MAX_CONCURRENT_HANDLERS + 16; i++) {
            assertEquals(1, json(deliver(signer().handler("request-scoped").sign())).getJsonObject("attributes")
                    .getInt("calls"), "a request-scoped handler is new for each delivery");
        }
        assertTrue(json(deliver(signer().handler("singleton-ejb").sign())).getJsonObject("attributes")
                .getInt("calls") > 1, "one singleton EJB serves every delivery");
    }

    @Test
    void dependentHandlersAreDestroyedAfterUse() {
        deliver(signer().handler("dependent").sign());
        int before = json(deliver(signer().handler("dependent").sign())).getJsonObject("attributes")
                .getInt("destroyedBefore");
        int after = json(deliver(signer().handler("dependent").sign())).getJsonObject("attributes")
                .getInt("destroyedBefore");
        assertTrue(before >= 1, "the first instance was destroyed");
        assertEquals(before + 1, after, "each delivery destroys its instance");
    }

    @Test
    void theHandlerSeesTheRequestView() {
        HttpResponse<String> response = deliver(signer().handler("inspect").jti("delivery-0042")
                .formValue("name", Json.createObjectBuilder().add("value", "Ada").build())
                .formValue("age", Json.createValue(36))
                .parameter("language", Json.createValue("de"))
                .parameter("conversation", Json.createObjectBuilder().add("step", 3).build())
                .sign());
        assertEquals(200, response.statusCode(), response::body);
        JsonObject attributes = json(response).getJsonObject("attributes");
        assertEquals("default", attributes.getString("bot"));
        assertEquals("delivery-0042", attributes.getString("deliveryId"));
        assertEquals("inspect", attributes.getString("handlerName"));
        assertEquals("{\"language\":\"de\",\"conversation\":{\"step\":3}}", attributes.getString("parameters"));
        assertEquals("36", attributes.getString("formValueAge"));
        assertEquals("Ada", attributes.getString("formValueName"));
        assertEquals("Ada", attributes.getString("typedName"));
        assertEquals(36, attributes.getInt("typedAge"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"handler", "handlerName", "handler-name", "handler_name"})
    void everyHandlerFieldVariantIsRead(String field) {
        HttpResponse<String> response = deliver(signer().handlerField(field).handler("inspect").sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("{}", json(response).getJsonObject("attributes").getString("parameters"));
    }

    @Test
    void aDeliveryWithoutFormValuesReadsAsAnEmptyForm() {
        HttpResponse<String> response = deliver(signer().handler("echo").withoutForm().sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("", json(response).getJsonArray("blocks").getJsonObject(0).getString("text"));
    }

    @Test
    void claimsBindingIsAcceptedInAutoMode() {
        HttpResponse<String> response = deliver(signer().handler("echo").formValue("a", "b")
                .binding(org.dialoghook.testkit.DeliverySigner.Binding.CLAIMS).sign());
        assertEquals(200, response.statusCode(), response::body);
    }

    @Test
    void theSchemeNameIsMatchedCaseInsensitively() {
        SignedDelivery delivery = signer().handler("echo").sign();
        HttpResponse<String> response = post("/webhook", delivery.body(), "Content-Type", "application/json; charset=UTF-8",
                "Authorization", "bEaReR " + delivery.token());
        assertEquals(200, response.statusCode(), response::body);
    }

    @Test
    void aVendorJsonMediaTypeIsAccepted() {
        SignedDelivery delivery = signer().handler("echo").sign();
        HttpResponse<String> response = post("/webhook", delivery.body(), "Content-Type", "application/vnd.logicdialog+json",
                "Authorization", "Bearer " + delivery.token());
        assertEquals(200, response.statusCode(), response::body);
    }

    @Test
    void aFailingHandlerGivesA500WithAnErrorIdAndNoInternals() {
        HttpResponse<String> response = deliver(signer().handler("fail").sign());
        JsonObject problem = assertProblem(response, 500, "handler-failed");
        assertFalse(response.body().contains(FailingHandler.INTERNAL_MESSAGE), response::body);
        assertFalse(response.body().contains("IllegalStateException"), response::body);
        assertTrue(problem.getString("detail").contains("fail"));
    }

    @Test
    void twoHundredConcurrentDeliveriesEachGetTheirOwnReply() throws Exception {
        int deliveries = 200;
        List<SignedDelivery> signed = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            signed.add(signer().handler(i % 2 == 0 ? "echo" : "request-scoped").formValue("n", "value-" + i).sign());
        }
        ExecutorService senders = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            for (SignedDelivery delivery : signed) {
                replies.add(senders.submit(() -> deliver(delivery)));
            }
            for (int i = 0; i < deliveries; i++) {
                HttpResponse<String> response = replies.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response::body);
                JsonObject reply = json(response);
                if (i % 2 == 0) {
                    assertEquals("n=value-" + i, reply.getJsonArray("blocks").getJsonObject(0).getString("text"));
                } else {
                    assertEquals(1, reply.getJsonObject("attributes").getInt("calls"));
                }
            }
        } finally {
            senders.shutdownNow();
        }
    }
}
