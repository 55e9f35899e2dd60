package org.dialoghook.it.crash;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test WAR's record of which delivery should stop at which point, and the stop itself: the marker line, then a
 * pause in which the test kills the server. The pause is bounded; should the kill not come, the run goes on.
 */
public final class CrashHooks {

    private static final long PAUSE_MILLIS = 120_000;
    private static final Map<String, CrashPoint> ARMED = new ConcurrentHashMap<>();

    private CrashHooks() {
    }

    /**
     * Asks a delivery's run on this server to stop at a point.
     *
     * @param deliveryId the delivery
     * @param point where
     */
    public static void arm(String deliveryId, CrashPoint point) {
        ARMED.put(deliveryId, point);
    }

    /**
     * Whether a delivery's run should stop at a point.
     *
     * @param deliveryId the delivery
     * @param point the point
     * @return true when the test asked for it
     */
    public static boolean armed(String deliveryId, CrashPoint point) {
        return ARMED.get(deliveryId) == point;
    }

    /**
     * Prints the marker and pauses, if the delivery's run should stop here.
     *
     * @param deliveryId the delivery
     * @param point where the run is
     */
    public static void stopIfArmed(String deliveryId, CrashPoint point) {
        if (!ARMED.remove(deliveryId, point)) {
            return;
        }
        System.out.println(point.marker(deliveryId));
        System.out.flush();
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("CRASH-POINT-NOT-KILLED " + point.label() + " delivery=" + deliveryId);
    }
}
