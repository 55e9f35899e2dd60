package org.dialoghook.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dialoghook.internal.dispatch.HandlerDescription;
import org.dialoghook.internal.dispatch.HandlerRegistry;

/**
 * The console's page and the data it shows. Every answer first passes the console's two rules: it is on, and the
 * client is on this machine; otherwise the answer is a problem ({@code 404} when off, {@code 403} for another
 * machine) and nothing of the console is shown.
 */
@ApplicationScoped
@Path("")
public class ConsoleResource {

    private static final String PAGE = "console.html";
    private static final String SCRIPT = "console.js";

    @Inject
    ConsoleSwitch consoleSwitch;

    @Inject
    HandlerRegistry registry;

    /**
     * The console's page.
     *
     * @param request the HTTP request, for the client's address
     * @param uri the request's URI, for the console's base path
     * @return the page
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context HttpServletRequest request, @Context UriInfo uri) {
        return refusal(request).orElseGet(() -> page(resource(PAGE)
                .replace("{{base}}", uri.getBaseUri().getRawPath()), MediaType.TEXT_HTML + ";charset=UTF-8"));
    }

    /**
     * The page's script.
     *
     * @param request the HTTP request, for the client's address
     * @return the script
     */
    @GET
    @Path(SCRIPT)
    @Produces("text/javascript")
    public Response script(@Context HttpServletRequest request) {
        return refusal(request).orElseGet(() -> page(resource(SCRIPT), "text/javascript;charset=UTF-8"));
    }

    /**
     * Every registered handler, with its bean and its settings.
     *
     * @param request the HTTP request, for the client's address
     * @return a JSON array
     */
    @GET
    @Path("handlers")
    @Produces(MediaType.APPLICATION_JSON)
    public Response handlers(@Context HttpServletRequest request) {
        return refusal(request).orElseGet(() -> {
            JsonArrayBuilder handlers = Json.createArrayBuilder();
            for (HandlerDescription handler : registry.describe()) {
                JsonObjectBuilder json = Json.createObjectBuilder()
                        .add("name", handler.name())
                        .add("beanClass", handler.beanClass())
                        .add("kind", handler.kind())
                        .add("scope", handler.scope())
                        .add("asynchronous", handler.asynchronous())
                        .add("timeout", handler.timeout().toString());
                handler.bots().ifPresentOrElse(bots -> json.add("bots", Json.createArrayBuilder(bots.stream().sorted()
                        .toList())), () -> json.addNull("bots"));
                handler.fallbackBlock().ifPresentOrElse(block -> json.add("fallbackBlock", block),
                        () -> json.addNull("fallbackBlock"));
                handler.invalidFormBlock().ifPresentOrElse(block -> json.add("invalidFormBlock", block),
                        () -> json.addNull("invalidFormBlock"));
                handlers.add(json);
            }
            return Response.ok(handlers.build().toString(), MediaType.APPLICATION_JSON)
                    .header("Cache-Control", "no-store").build();
        });
    }

    private Optional<Response> refusal(HttpServletRequest request) {
        if (!consoleSwitch.isOn()) {
            return Optional.of(ConsoleProblem.OFF.response());
        }
        if (!LoopbackClients.includes(request.getRemoteAddr())) {
            return Optional.of(ConsoleProblem.NOT_LOOPBACK.response());
        }
        return Optional.empty();
    }

    private static Response page(String text, String mediaType) {
        return Response.ok(text, mediaType)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                        + "frame-ancestors 'none'")
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
