package org.dialoghook.it.telemetry;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver (protobuf encoding) on 127.0.0.1 in the test JVM: what a collector would be to a server
 * whose telemetry exports there. It keeps every export's raw bytes and the spans and metrics decoded from them.
 */
public final class OtlpReceiver implements AutoCloseable {

    private static final long POLL_MILLIS = 100;
    private static final String CALL_PATH = "/call";

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<byte[]> exports = new CopyOnWriteArrayList<>();
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final List<String> callTraceparents = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts a receiver on a free loopback port.
     *
     * @return the running receiver
     */
    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService threads = Executors.newFixedThreadPool(2, work -> {
                Thread thread = new Thread(work, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            });
            OtlpReceiver receiver = new OtlpReceiver(server, threads);
            server.createContext("/v1/traces", receiver::traces);
            server.createContext("/v1/metrics", receiver::metrics);
            server.createContext(CALL_PATH, receiver::call);
            server.createContext("/", exchange -> receiver.reply(exchange, 404, new byte[0]));
            server.setExecutor(threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The OTLP/HTTP endpoint a server exports to: {@code /v1/traces} and {@code /v1/metrics} below it.
     *
     * @return for example {@code http://127.0.0.1:40123}
     */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * An address a handler may call, to show that its outgoing calls are traced: the receiver keeps the
     * {@code traceparent} header of each call.
     *
     * @return the address on loopback
     */
    public String callUrl() {
        return endpoint() + CALL_PATH;
    }

    /**
     * The {@code traceparent} headers of the calls to {@link #callUrl()} so far ({@code -} for a call without one).
     *
     * @return the headers, in order
     */
    public List<String> callTraceparents() {
        return new ArrayList<>(callTraceparents);
    }

    private void call(HttpExchange exchange) throws IOException {
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        callTraceparents.add(traceparent == null ? "-" : traceparent);
        reply(exchange, 204, new byte[0]);
    }

    private void traces(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        try {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            exports.add(body);
            request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                    .forEach(scope -> spans.addAll(scope.getSpansList())));
            reply(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            reply(exchange, 400, new byte[0]);
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        try {
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
            exports.add(body);
            request.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList()
                    .forEach(scope -> metrics.addAll(scope.getMetricsList())));
            reply(exchange, 200, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            reply(exchange, 400, new byte[0]);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    return unzipped.readAllBytes();
                }
            }
            return raw;
        }
    }

    private void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Waits for a span, at most the given time.
     *
     * @param description what is awaited, for the failure message
     * @param wanted which span
     * @param within how long to wait at most
     * @return the first such span
     * @throws AssertionError when none arrived in time, listing what did
     */
    public Span awaitSpan(String description, Predicate<Span> wanted, Duration within) {
        return await(() -> spans.stream().filter(wanted).findFirst(), within,
                () -> "no span " + description + " arrived within " + within + "; received: " + describeSpans());
    }

    /**
     * Waits for a metric data point, at most the given time.
     *
     * @param description what is awaited, for the failure message
     * @param wanted which metric
     * @param within how long to wait at most
     * @return the latest such metric
     * @throws AssertionError when none arrived in time
     */
    public Metric awaitMetric(String description, Predicate<Metric> wanted, Duration within) {
        return await(() -> {
            Metric latest = null;
            for (Metric metric : metrics) {
                if (wanted.test(metric)) {
                    latest = metric;
                }
            }
            return Optional.ofNullable(latest);
        }, within, () -> "no metric " + description + " arrived within " + within + "; received: "
                + metrics.stream().map(Metric::getName).distinct().toList());
    }

    private static <T> T await(Supplier<Optional<T>> found, Duration within, Supplier<String> failure) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> result = found.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /**
     * Every span received so far.
     *
     * @return the spans
     */
    public List<Span> spans() {
        return new ArrayList<>(spans);
    }

    /**
     * Whether any export received so far holds the text, in any field (read as UTF-8 bytes).
     *
     * @param text the text to look for
     * @return whether some export's bytes contain it
     */
    public boolean anyExportContains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return exports.stream().anyMatch(export -> indexOf(export, needle) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A span's string or integer attribute.
     *
     * @param span the span
     * @param key the attribute's key
     * @return its value as text, or {@code null} when the span has no such attribute
     */
    public static String attribute(Span span, String key) {
        return attribute(span.getAttributesList(), key);
    }

    /**
     * A string or integer attribute of a list.
     *
     * @param attributes the attributes
     * @param key the attribute's key
     * @return its value as text, or {@code null} when there is no such attribute
     */
    public static String attribute(List<KeyValue> attributes, String key) {
        for (KeyValue attribute : attributes) {
            if (attribute.getKey().equals(key)) {
                AnyValue value = attribute.getValue();
                return value.hasIntValue() ? String.valueOf(value.getIntValue()) : value.getStringValue();
            }
        }
        return null;
    }

    /**
     * The spans received so far, one line each: name, kind, ids and attributes.
     *
     * @return the description
     */
    public String describeSpans() {
        StringBuilder text = new StringBuilder();
        for (Span span : spans) {
            text.append('\n').append(span.getName()).append(' ').append(span.getKind()).append(" trace=")
                    .append(hex(span.getTraceId().toByteArray())).append(" span=")
                    .append(hex(span.getSpanId().toByteArray())).append(" parent=")
                    .append(hex(span.getParentSpanId().toByteArray())).append(" status=")
                    .append(span.getStatus().getCode());
            span.getAttributesList().forEach(attribute -> text.append(' ').append(attribute.getKey()).append('=')
                    .append(attribute(span, attribute.getKey())));
        }
        return text.toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
