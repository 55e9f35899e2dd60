package org.dialoghook.testkit;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookHandler;
import org.dialoghook.WebhookRequest;
import org.dialoghook.internal.auth.DeliveryIds;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.HandlerPolicy;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.SettingsReader;
import org.dialoghook.internal.delivery.DefaultWebhookRequest;
import org.dialoghook.internal.delivery.DeliveryBody;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.FormBinder;
import org.dialoghook.internal.delivery.MalformedDeliveryException;
import org.dialoghook.internal.dispatch.InvalidFormReply;
import org.dialoghook.internal.http.ReplyWriter;

/**
 * Runs one handler in the test's own JVM, without a server, as the receiver runs it: the delivery's body is read
 * by the receiver's own reader (same limits, same handler-name fields), the handler gets the receiver's own
 * {@link WebhookRequest} (so {@code form(Class)} binds with JSON-B and checks Bean Validation constraints), an
 * invalid form gets the receiver's invalid-form reply, and the reply is written as the bot receives it.
 *
 * <pre>{@code
 * InProcessHandler support = InProcessHandler.of(new SupportRequestHandler());
 * DeliveryReply reply = support.deliver(support.delivery()
 *         .formValue("email", "ada@example.com")
 *         .formValue("description", "The kettle leaks at the handle."));
 * assertEquals("Thanks, we will answer at ada@example.com.", reply.firstText().orElseThrow());
 * }</pre>
 *
 * <p>What the server adds is not here: no token is verified, nothing is injected into a handler made from its
 * class (pass an instance to give it collaborators), there is no replay store, and the handler runs on the
 * test's thread. A handler that throws anything but an invalid form throws it to the test, where the receiver
 * would answer with a problem or the error handler's reply. The test needs a JSON-B implementation (Yasson) and
 * a Bean Validation one (Hibernate Validator with Expressly) on its classpath, as the servers provide them.
 */
public final class InProcessHandler {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final Object handler;
    private final String name;
    private final Map<String, String> settings = new HashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private String bot = BotSettings.DEFAULT_BOT;
    private boolean firstDelivery = true;
    private FormBinder forms;

    private InProcessHandler(Object handler, String name) {
        if (!(handler instanceof WebhookHandler) && !(handler instanceof AsyncWebhookHandler)) {
            throw new IllegalArgumentException(handler.getClass().getName() + " is neither a WebhookHandler nor an "
                    + "AsyncWebhookHandler");
        }
        this.handler = handler;
        this.name = name;
    }

    /**
     * A handler instance, named by its class's {@link HandlerName}.
     *
     * @param handler a {@link WebhookHandler} or an {@link AsyncWebhookHandler}
     * @return the handler under test
     * @throws IllegalArgumentException when it is neither, or its class has no {@code @HandlerName}
     */
    public static InProcessHandler of(Object handler) {
        return new InProcessHandler(handler, nameOf(handler.getClass()));
    }

    /**
     * A handler made from its class with its no-argument constructor; nothing is injected into it.
     *
     * @param handlerClass a {@link WebhookHandler} or {@link AsyncWebhookHandler} class with {@code @HandlerName}
     * @return the handler under test
     * @throws IllegalArgumentException when the class cannot be made, is no handler, or has no {@code @HandlerName}
     */
    public static InProcessHandler of(Class<?> handlerClass) {
        try {
            return new InProcessHandler(handlerClass.getDeclaredConstructor().newInstance(), nameOf(handlerClass));
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException(handlerClass.getName() + " cannot be made with a public no-argument "
                    + "constructor; pass an instance instead", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + handlerClass.getName() + " failed",
                    e.getCause());
        }
    }

    private static String nameOf(Class<?> handlerClass) {
        HandlerName name = handlerClass.getAnnotation(HandlerName.class);
        if (name == null) {
            throw new IllegalArgumentException(handlerClass.getName() + " has no @HandlerName");
        }
        return name.value();
    }

    /**
     * Sets one of the receiver's settings for the runs, as the server's configuration would, for example
     * {@code dialoghook.invalid-form-block} or {@code dialoghook.handler-field}; docs/settings.md lists them.
     *
     * @param name the setting's name
     * @param value its value
     * @return this
     */
    public InProcessHandler setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /**
     * Sets the bot the deliveries come from (default {@code default}).
     *
     * @param botName the bot's name
     * @return this
     */
    public InProcessHandler bot(String botName) {
        this.bot = botName;
        return this;
    }

    /**
     * Sets what {@link WebhookRequest#firstDelivery()} says (default {@code true}).
     *
     * @param first whether no earlier copy of the delivery is known
     * @return this
     */
    public InProcessHandler firstDelivery(boolean first) {
        this.firstDelivery = first;
        return this;
    }

    /**
     * Starts a delivery to this handler: a signer with its name set, to add form values and parameters to.
     *
     * @return the signer; its token is made with a throwaway secret, since nothing here verifies it
     */
    public DeliverySigner delivery() {
        return DeliverySigner.withSecret(UUID.randomUUID().toString()).handler(name);
    }

    /**
     * Runs the handler with a delivery built by a signer.
     *
     * @param delivery the delivery, for example {@code delivery().formValue("item", "kettle")}
     * @return the reply as the bot receives it, status 200
     */
    public DeliveryReply deliver(DeliverySigner delivery) {
        return deliver(delivery.sign());
    }

    /**
     * Runs the handler with a signed delivery; its delivery id is the one the receiver would give it.
     *
     * @param delivery the delivery
     * @return the reply as the bot receives it, status 200
     */
    public DeliveryReply deliver(DeliverySigner.SignedDelivery delivery) {
        return run(delivery.body(), deliveryId(delivery.token()));
    }

    /**
     * Runs the handler with a body as the platform would post it.
     *
     * @param body the JSON body
     * @return the reply as the bot receives it, status 200
     * @throws IllegalArgumentException when the receiver would refuse the body, with the receiver's reason
     */
    public DeliveryReply deliver(String body) {
        return run(body, "local-" + deliveries.incrementAndGet());
    }

    private DeliveryReply run(String bodyText, String deliveryId) {
        ReceiverSettings receiver = new SettingsReader(setting -> Optional.ofNullable(settings.get(setting)))
                .read(Set.of(name));
        BotSettings botSettings = receiver.bot(bot).orElse(receiver.defaultBot());
        DeliveryBody body;
        try {
            body = new DeliveryBodyReader(JSON, botSettings.token().handlerFields(), receiver.limits())
                    .read(bodyText.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedDeliveryException e) {
            throw new IllegalArgumentException("the receiver would refuse this body: " + e.getMessage(), e);
        }
        if (!name.equals(body.handlerName())) {
            throw new IllegalArgumentException("the delivery names the handler '" + body.handlerName()
                    + "'; this handler is '" + name + "'");
        }
        HandlerPolicy policy = receiver.handlers().policyFor(name);
        WebhookRequest request = new DefaultWebhookRequest(bot, deliveryId, body, JSON,
                forms(), firstDelivery);
        Reply reply;
        try {
            reply = handle(request, policy.timeout());
        } catch (Exception e) {
            Throwable failure = InvalidFormReply.unwrap(e);
            reply = InvalidFormReply.in(failure).map(invalid -> InvalidFormReply.to(invalid, policy))
                    .orElseThrow(() -> failure instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("the handler '" + name + "' failed", failure));
        }
        try (JsonReader json = JSON.createReader(new ByteArrayInputStream(ReplyWriter.toJson(reply, JSONB)))) {
            return new DeliveryReply(200, "application/json", json.readObject());
        }
    }

    private Reply handle(WebhookRequest request, Duration deadline) throws Exception {
        if (handler instanceof WebhookHandler sync) {
            ResponseBuilder response = new ResponseBuilder();
            sync.handle(request, response);
            return response.build();
        }
        CompletionStage<Reply> stage = ((AsyncWebhookHandler) handler).handle(request);
        if (stage == null) {
            throw new IllegalStateException("the asynchronous handler '" + name + "' returned no stage");
        }
        try {
            Reply reply = stage.toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new IllegalStateException("the asynchronous handler '" + name + "' completed without a reply");
            }
            return reply;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the asynchronous handler '" + name + "' gave no reply within its deadline "
                    + deadline + "; the receiver would answer with its fallback");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String deliveryId(String token) {
        String[] parts = token.split("\\.");
        try (JsonReader claims = JSON.createReader(new ByteArrayInputStream(Base64.getUrlDecoder().decode(parts[1])))) {
            return DeliveryIds.of(claims.readObject().get("jti"), token);
        }
    }

    /** The form binder, made on the first run: Bean Validation takes a while to start. */
    private FormBinder forms() {
        if (forms == null) {
            forms = new FormBinder(JSON, JSONB, validator());
        }
        return forms;
    }

    private static Validator validator() {
        try {
            return Validation.buildDefaultValidatorFactory().getValidator();
        } catch (NoProviderFoundException e) {
            throw new IllegalStateException("no Bean Validation implementation on the test's classpath: add "
                    + "org.hibernate.validator:hibernate-validator and org.glassfish.expressly:expressly with test "
                    + "scope, as docs/handlers.md shows", e);
        }
    }
}
