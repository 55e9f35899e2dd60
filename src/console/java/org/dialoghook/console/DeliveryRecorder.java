package org.dialoghook.console;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.LiveSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.dialoghook.internal.http.WebhookApplication;

/**
 * Records every request to the webhook in the console's history while the console is on, from the page, from
 * {@code curl}, from a test alike: its bot, the handler its body names, its body and headers, the reply and how
 * long the receiver took. It copies what the receiver reads and writes, and changes nothing of either. Requests
 * to anything but the webhook's own servlet pass untouched, as do all of them while the console is off.
 */
@WebFilter(filterName = "org.dialoghook.console.DeliveryRecorder", urlPatterns = "/*", asyncSupported = true)
public class DeliveryRecorder extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String WEBHOOK_SERVLET = WebhookApplication.class.getName();
    private static final String REDELIVERY_HEADER = "Dialoghook-Redelivery";
    private static final String PROBLEM_PREFIX = "urn:dialoghook:problem:";

    @Inject
    transient ConsoleSwitch consoleSwitch;

    @Inject
    transient DeliveryHistory history;

    @Inject
    transient LiveSettings live;

    @Inject
    transient JsonSupport json;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!consoleSwitch.isOn() || !WEBHOOK_SERVLET.equals(request.getHttpServletMapping().getServletName())) {
            chain.doFilter(request, response);
            return;
        }
        Instant at = Instant.now();
        long started = System.nanoTime();
        RecordingRequest recordingRequest = new RecordingRequest(request);
        RecordingResponse recordingResponse = new RecordingResponse(response);
        try {
            chain.doFilter(recordingRequest, recordingResponse);
        } finally {
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
            String bot = botOf(request.getPathInfo());
            byte[] body = recordingRequest.body();
            byte[] reply = recordingResponse.body();
            history.add(new RecordedDelivery(0, at, bot, handlerOf(bot, body), recordingResponse.getStatus(),
                    outcomeOf(recordingResponse, reply), micros,
                    request.getRequestURI().substring(request.getContextPath().length()), request.getContentType(),
                    request.getHeader("Authorization"), body, recordingResponse.getContentType(), reply));
        }
    }

    private static String botOf(String pathInfo) {
        String bot = pathInfo == null ? "" : pathInfo.replaceAll("^/+|/+$", "");
        return bot.isEmpty() ? BotSettings.DEFAULT_BOT : bot;
    }

    /** The handler the body names, read by the receiver's own reader with the bot's handler fields. */
    private String handlerOf(String bot, byte[] body) {
        ReceiverSettings settings = live.current();
        BotSettings botSettings = settings.bot(bot).orElse(settings.defaultBot());
        try {
            return new DeliveryBodyReader(json.provider(), botSettings.token().handlerFields(), settings.limits())
                    .read(body).handlerName();
        } catch (MalformedDeliveryException e) {
            return null;
        }
    }

    private String outcomeOf(HttpServletResponse response, byte[] reply) {
        if (response.getStatus() < 300) {
            return response.getHeader(REDELIVERY_HEADER) != null ? "redelivery" : "answered";
        }
        try (JsonReader reader = json.provider().createReader(new ByteArrayInputStream(reply))) {
            JsonObject problem = reader.readObject();
            String type = problem.getString("type", "");
            return type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length()) : "status " + response.getStatus();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return "status " + response.getStatus();
        }
    }
}
