package org.dialoghook.it.crash;

import java.util.Locale;

/**
 * Where a member is killed in a delivery's run. The test asks for a point with a request header on one copy; the
 * hooks in the test WAR print {@link #marker(String)} at that point and pause there, and the test kills the member
 * once the line is in its output.
 */
public enum CrashPoint {

    /** In the handler, after its entity is handed to JPA and before its transaction commits. */
    DURING_HANDLER,
    /** Right after the transaction of the handler and of the delivery's record committed. */
    AFTER_COMMIT,
    /** After the reply was made, before its first byte is written to the connection. */
    BEFORE_ANSWER;

    /** The request header that asks for a point on one copy of a delivery. */
    public static final String HEADER = "Dialoghook-Test-Crash";

    /** @return the header's value for this point, such as {@code during-handler} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The point a header value names.
     *
     * @param label the header's value
     * @return the point
     */
    public static CrashPoint of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * The line the hooks print when a delivery reaches this point.
     *
     * @param deliveryId the delivery
     * @return the line
     */
    public String marker(String deliveryId) {
        return "CRASH-POINT-REACHED " + label() + " delivery=" + deliveryId;
    }
}
