package org.dialoghook.internal.trace;

/** The tracing of a server without OpenTelemetry, or with its tracing off: nothing is recorded or allocated. */
final class NoDeliveryTracing implements DeliveryTracing {

    @Override
    public DeliveryTrace open(String bot, String deliveryId, String handler) {
        return DeliveryTrace.NONE;
    }

    @Override
    public void refused(String bot, String deliveryId, String handler, String problemType, int status) {
        // tracing is off
    }

    @Override
    public Runnable inCurrentContext(Runnable work) {
        return work;
    }

    @Override
    public boolean recording() {
        return false;
    }
}
