package org.dialoghook.console;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.dialoghook.internal.http.WebhookApplication;

/**
 * The development console's own JAX-RS application, at {@code /dialoghook/console} below the WAR's context root.
 * It is in the console jar only, which a development build adds to its WAR; it answers only when
 * {@code dialoghook.dev-console=true}, and only to loopback clients.
 */
@ApplicationPath(ConsoleApplication.PATH)
public class ConsoleApplication extends Application {

    /** The console's path below the context root. */
    public static final String PATH = "dialoghook/console";

    private static final Set<Class<?>> CLASSES = Set.of(ConsoleResource.class, ConsoleErrorMapper.class);


    @Override
    public Set<Class<?>> getClasses() {
        return CLASSES;
    }

    /** The same runtime properties as the webhook's application: no WADL description. */
    @Override
    public Map<String, Object> getProperties() {
        return WebhookApplication.RUNTIME_PROPERTIES;
    }
}
