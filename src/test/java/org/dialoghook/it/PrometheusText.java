package org.dialoghook.it;

/** Reads values from a metrics reply in the Prometheus text format. */
final class PrometheusText {

    private final String text;

    PrometheusText(String text) {
        this.text = text;
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
