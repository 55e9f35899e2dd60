package org.dialoghook.internal.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * Dialoghook's own JAX-RS application, at {@code /webhook} below the WAR's context root. It names its classes,
 * so the runtime adopts nothing else of the WAR into it and none of its providers acts on a team's resources;
 * its path is a prefix of its own, so a team's pages, servlets and applications keep theirs.
 *
 * <p>The path can be moved without code: a {@code web.xml} {@code servlet-mapping} for the servlet named
 * {@code org.dialoghook.internal.http.WebhookApplication} takes the place of the annotation's path (see
 * docs/operators.md).
 */
@ApplicationPath(WebhookApplication.PATH)
public class WebhookApplication extends Application {

    /** The default path of the webhook below the context root. */
    public static final String PATH = "webhook";

    private static final Set<Class<?>> CLASSES = Set.of(WebhookResource.class, WebhookTokenFilter.class,
            VerifiedDeliveryReader.class, RuntimeProblemMapper.class, UnexpectedErrorMapper.class);

    /**
     * Runtime properties, by name only (no runtime's class is used): Jersey, Payara's JAX-RS runtime, would
     * otherwise describe the application at {@code /webhook/application.wadl}, an endpoint Dialoghook does not
     * document; a runtime that does not know a property ignores it.
     */
    public static final Map<String, Object> RUNTIME_PROPERTIES = Map.of("jersey.config.server.wadl.disableWadl",
            Boolean.TRUE);

    @Override
    public Set<Class<?>> getClasses() {
        return CLASSES;
    }

    @Override
    public Map<String, Object> getProperties() {
        return RUNTIME_PROPERTIES;
    }
}
