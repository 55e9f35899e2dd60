package org.dialoghook.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.Map;
import org.dialoghook.examples.EchoHandler;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Capture mode {@code full}: claim and body values are logged too, and still never the token or the secret. */
class CaptureFullIT extends WebhookIT {

    @Deployment
    static WebArchive deployment() {
        return receiver("capturefull", Map.of("dialoghook.secret", SECRET, "dialoghook.capture", "full"),
                EchoHandler.class);
    }

    @Test
    void valuesAreCapturedInFullMode() {
        try (ServerOutput output = ServerOutput.capture()) {
            SignedDelivery delivery = signer().jti("cap-full-1").binding(DeliverySigner.Binding.CLAIMS).handler("echo")
                    .formValue("name", CaptureIT.FORM_VALUE).sign();
            assertEquals(200, deliver(delivery).statusCode());

            JsonObject capture = CaptureIT.captured(output, "cap-full-1");
            assertEquals("full", capture.getString("mode"));
            assertEquals(CaptureIT.FORM_VALUE, capture.getJsonObject("body").getJsonObject("json")
                    .getJsonObject("formValues").getString("name"));
            assertEquals(CaptureIT.FORM_VALUE, capture.getJsonObject("token").getJsonObject("claims")
                    .getJsonObject("formValues").getString("name"));
            assertEquals("fits", capture.getJsonObject("settings").getJsonObject("bodyBinding").getJsonObject("modes")
                    .getString("claims"));
            CaptureIT.assertNothingSecretIn(output.awaitLine("DH-0700 delivery=cap-full-1 ").orElseThrow(), delivery);
        }
    }
}
