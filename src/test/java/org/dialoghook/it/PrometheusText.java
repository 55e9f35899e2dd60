package org.dialoghook.it;

import java.util.OptionalDouble;

/** Reads values from a metrics reply in the Prometheus text format. */
public final class PrometheusText {

    private final String text;

    /**
     * Wraps a metrics reply.
     *
     * @param text the reply's body
     */
    public PrometheusText(String text) {
        this.text = text;
    }

    /**
     * The value of a metric written on one line, whatever its tags, such as the base metric
     * {@code memory_usedHeap_bytes{mp_scope="base"}}.
     *
     * @param metric the metric's name as written
     * @return its first line's value, or empty when the reply has no such line
     */
    public OptionalDouble value(String metric) {
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The value of a metric for one handler.
     *
     * @param metric the metric's name as written, for example {@code dialoghook_handler_deliveries_total}
     * @param handler the value of its {@code handler} tag
     * @return the value
     * @throws AssertionError when the reply has no such line
     */
    double value(String metric, String handler) {
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("handler=\"" + handler + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + metric + " for handler " + handler);
    }
}
