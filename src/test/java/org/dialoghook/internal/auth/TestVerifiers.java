package org.dialoghook.internal.auth;

import java.time.Clock;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.JsonSupport;

/** Builds the verification beans as the container does, for unit tests of the steps that use them. */
public final class TestVerifiers {

    private TestVerifiers() {
    }

    /**
     * The bots' checks, built from settings (and from any other snapshot they are asked for).
     *
     * @param settings the settings
     * @param json the JSON support
     * @param clock the clock tokens are checked against
     * @return the bots
     */
    public static WebhookBots bots(ReceiverSettings settings, JsonSupport json, Clock clock) {
        WebhookBots bots = new WebhookBots();
        bots.json = json;
        bots.clock = clock;
        bots.all(settings);
        return bots;
    }

    /**
     * The delivery verifier over those bots.
     *
     * @param bots the bots
     * @return the verifier
     */
    public static DeliveryVerifier verifier(WebhookBots bots) {
        DeliveryVerifier verifier = new DeliveryVerifier();
        verifier.bots = bots;
        return verifier;
    }
}
