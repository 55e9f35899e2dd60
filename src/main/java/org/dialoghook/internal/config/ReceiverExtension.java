package org.dialoghook.internal.config;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.WebhookHandler;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The receiver's one CDI extension: while the application deploys, it finds every bean qualified with
 * {@link HandlerName}, EJB and CDI alike, and then reads every setting once, each handler's included. Two beans
 * with one name (both are named), a bean with {@code @HandlerName} that is not exactly one of
 * {@link WebhookHandler} and {@link AsyncWebhookHandler}, a name that cannot be typed in a block, or a setting
 * whose value cannot be used fail the deployment. The registered names are logged once.
 */
public class ReceiverExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(ReceiverExtension.class.getName());

    private final Map<String, Bean<?>> handlers = new TreeMap<>();
    private volatile ReceiverSettings settings;
    private volatile Config config;

    void collect(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        for (Annotation qualifier : bean.getQualifiers()) {
            if (qualifier instanceof HandlerName name) {
                register(name.value(), bean, event);
            }
        }
    }

    private void register(String name, Bean<?> bean, ProcessBean<?> event) {
        boolean sync = bean.getTypes().contains(WebhookHandler.class);
        boolean async = bean.getTypes().contains(AsyncWebhookHandler.class);
        if (sync == async) {
            event.addDefinitionError(new DefinitionException(describe(bean) + " has @HandlerName(\"" + name
                    + "\") but implements " + (sync ? "both " : "neither ") + WebhookHandler.class.getName()
                    + (sync ? " and " : " nor ") + AsyncWebhookHandler.class.getName()));
        } else if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            event.addDefinitionError(new DefinitionException(describe(bean)
                    + " has a @HandlerName that is blank or holds control characters"));
        } else {
            Bean<?> previous = handlers.putIfAbsent(name, bean);
            if (previous != null) {
                event.addDefinitionError(new DefinitionException("Two handlers claim the handler name \"" + name
                        + "\": " + describe(previous) + " and " + describe(bean)));
            }
        }
    }

    /**
     * Reads the settings once every bean, and so every handler, is known: after bean discovery, not after
     * deployment validation. A deployment that fails during validation has already registered its MicroProfile
     * Health checks on WildFly, which keeps them, failing, until the server reloads; failing here keeps them out.
     */
    void readSettings(@Observes AfterBeanDiscovery event) {
        Config config = ConfigProvider.getConfig();
        this.config = config;
        try {
            settings = new SettingsReader(name -> config.getOptionalValue(name, String.class), config.getPropertyNames())
                    .read(handlers.keySet());
        } catch (InvalidSettingException e) {
            event.addDefinitionError(e);
            return;
        }
        SettingsLog.announce(settings);
        for (String setting : config.getPropertyNames()) {
            SettingsReader.handlerOfSetting(setting).filter(name -> !handlers.containsKey(name)).ifPresent(name ->
                    LOG.log(Level.WARNING, "DH-0302 the setting {0} names the handler ''{1}'', which is not registered; "
                            + "it has no effect", new Object[] {setting, name}));
        }
        if (handlers.isEmpty()) {
            LOG.log(Level.WARNING, "DH-0301 no handler is registered: every delivery will get 404; "
                    + "add a WebhookHandler bean with @HandlerName");
        } else {
            LOG.log(Level.INFO, "DH-0300 registered handlers: {0}", handlers.keySet());
        }
    }

    private static String describe(Bean<?> bean) {
        return bean.getBeanClass().getName();
    }

    /**
     * The settings read at deployment; {@link LiveSettings} has those in force now.
     *
     * @return the settings
     * @throws IllegalStateException before the beans have been discovered
     */
    public ReceiverSettings settings() {
        ReceiverSettings current = settings;
        if (current == null) {
            throw new IllegalStateException("the settings are read when the beans have been discovered");
        }
        return current;
    }

    /**
     * The application's MicroProfile Config, as the deployment read the settings from it; read again for changes.
     *
     * @return the config
     */
    public Config config() {
        Config current = config;
        if (current == null) {
            throw new IllegalStateException("the settings are read when the beans have been discovered");
        }
        return current;
    }

    /**
     * The handler beans by name, as found at deployment.
     *
     * @return an unmodifiable, sorted view
     */
    public Map<String, Bean<?>> handlers() {
        return Collections.unmodifiableMap(handlers);
    }
}
