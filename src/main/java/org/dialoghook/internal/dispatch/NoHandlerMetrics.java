package org.dialoghook.internal.dispatch;

/** The handler metrics of a server without a metrics facility: nothing is recorded. */
final class NoHandlerMetrics implements HandlerMetrics {

    @Override
    public void watchReplayStore(java.util.function.LongSupplier leftEarly) {
        // no metrics facility
    }

    @Override
    public void succeeded(String handler, long nanos) {
        // no metrics facility
    }

    @Override
    public void failed(String handler, long nanos) {
        // no metrics facility
    }

    @Override
    public void timedOut(String handler, long nanos) {
        // no metrics facility
    }
}
