package org.dialoghook.it.soak;

import java.util.Locale;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookRequest;

/**
 * What a soak delivery asks its handler to do. The form value {@value #FIELD} names the fault and
 * {@value #MILLIS} how long the handler sleeps for {@link #SLOW} and {@link #LATE}, so the handlers need not know
 * the deployment's deadline.
 */
public enum Fault {

    /** Replies at once. */
    OK,
    /** Throws. */
    THROW,
    /** Sleeps past the deadline, then replies (too late). */
    LATE,
    /** Sleeps, but replies within the deadline. */
    SLOW;

    /** The form value that names the fault. */
    public static final String FIELD = "fault";

    /** The form value that says how many milliseconds to sleep. */
    public static final String MILLIS = "millis";

    /** @return the fault's name in a form value */
    public String formValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Does what the delivery asks for.
     *
     * @param request the delivery
     * @param response where the reply goes
     * @throws InterruptedException when interrupted while sleeping
     */
    static void act(WebhookRequest request, ResponseBuilder response) throws InterruptedException {
        Fault fault = valueOf(request.formValue(FIELD).orElse("ok").toUpperCase(Locale.ROOT));
        if (fault == THROW) {
            throw new IllegalStateException("soak test: this handler fails on purpose");
        }
        if (fault == LATE || fault == SLOW) {
            Thread.sleep(Long.parseLong(request.formValue(MILLIS).orElse("0")));
        }
        response.pushText(fault.formValue());
    }
}
