package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Settings other than the defaults take effect: algorithm list, required expiry, binding mode, handler field, size. */
class ConfigurationIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("configured", Map.of(
                "dialoghook.secret", SECRET,
                "dialoghook.jwt.algorithms", "HS512",
                "dialoghook.jwt.require-exp", "true",
                "dialoghook.body-binding", "claims",
                "dialoghook.handler-field", "/handlerName,/meta/handler",
                "dialoghook.max-body-bytes", "2000"), EchoHandler.class);
    }

    private static DeliverySigner configured() {
        return signer().algorithm("HS512").binding(DeliverySigner.Binding.CLAIMS).handlerField("handlerName");
    }

    @Test
    void aDeliveryThatMeetsEverySettingIsAccepted() {
        HttpResponse<String> response = deliver(configured().formValue("a", "1").sign());
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("a=1", json(response).getJsonArray("blocks").getJsonObject(0).getString("text"));
    }

    @Test
    void theAlgorithmListIsHonoured() {
        assertProblem(deliver(configured().algorithm("HS256").sign()), 401, "invalid-token");
    }

    @Test
    void aRequiredExpiryIsEnforced() {
        assertProblem(deliver(configured().lifetime(null).sign()), 401, "invalid-token");
    }

    @Test
    void claimsBindingRefusesAHashOnlyToken() {
        SignedDelivery hashOnly = signer().algorithm("HS512").handlerField("handlerName").sign();
        assertTrue(assertProblem(deliver(hashOnly), 401, "invalid-token").getString("detail").contains("claims"));
    }

    @Test
    void aNestedHandlerFieldIsRead() {
        String body = "{\"meta\":{\"handler\":\"echo\"},\"formValues\":{\"x\":\"y\"}}";
        String claims = "{\"handlerName\":\"echo\",\"formValues\":{\"x\":\"y\"},\"exp\":"
                + (System.currentTimeMillis() / 1000 + 300) + "}";
        String token = DeliverySigner.withSecret(SECRET).algorithm("HS512").sign(claims);
        HttpResponse<String> response = post("/webhook", body, "Content-Type", "application/json",
                "Authorization", "Bearer " + token);
        assertEquals(200, response.statusCode(), response::body);
    }

    @Test
    void theBodyLimitIsASetting() {
        assertProblem(deliver(configured().formValue("big", "x".repeat(2000)).sign()), 413, "body-too-large");
    }
}
