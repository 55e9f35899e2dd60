package org.dialoghook.internal.capture;

import java.time.Clock;
import org.dialoghook.internal.auth.WebhookBots;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.JsonSupport;

/** Builds capture mode as the container does, for unit tests of the steps that use it. */
public final class TestCaptures {

    private TestCaptures() {
    }

    /**
     * Capture mode as the settings say.
     *
     * @param settings the settings
     * @param bots the bots' checks
     * @param json the JSON support
     * @param clock the clock
     * @return the capture
     */
    public static DeliveryCapture capture(ReceiverSettings settings, WebhookBots bots, JsonSupport json, Clock clock) {
        DeliveryCapture capture = new DeliveryCapture();
        capture.bots = bots;
        capture.json = json;
        capture.clock = clock;
        return capture;
    }
}
