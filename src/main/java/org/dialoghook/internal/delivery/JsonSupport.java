package org.dialoghook.internal.delivery;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The application's one JSON-P provider and one JSON-B instance, made at start and closed at shutdown. */
@ApplicationScoped
public class JsonSupport {

    private static final Logger LOG = Logger.getLogger(JsonSupport.class.getName());

    private final JsonProvider provider = JsonProvider.provider();
    private final Jsonb jsonb = JsonbBuilder.create();

    /**
     * The JSON-P provider.
     *
     * @return the provider
     */
    public JsonProvider provider() {
        return provider;
    }

    /**
     * The JSON-B instance; thread-safe.
     *
     * @return the instance
     */
    public Jsonb jsonb() {
        return jsonb;
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B failed", e);
        }
    }
}
