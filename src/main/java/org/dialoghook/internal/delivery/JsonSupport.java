package org.dialoghook.internal.delivery;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.Validator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's one JSON-P provider, one JSON-B instance and the form binder built on them, made at start
 * and closed at shutdown.
 */
@ApplicationScoped
public class JsonSupport {

    private static final Logger LOG = Logger.getLogger(JsonSupport.class.getName());

    private final JsonProvider provider = JsonProvider.provider();
    private final Jsonb jsonb = JsonbBuilder.create();
    private FormBinder forms;

    @Inject
    Instance<Validator> validators;

    @PostConstruct
    void createFormBinder() {
        forms = new FormBinder(provider, jsonb, validators.isResolvable() ? validators.get() : null);
    }

    /**
     * The binder of typed forms, checking Bean Validation constraints when the server offers a validator.
     *
     * @return the binder
     */
    public FormBinder forms() {
        return forms;
    }

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
