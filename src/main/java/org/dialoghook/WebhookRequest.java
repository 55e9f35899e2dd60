package org.dialoghook;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * One verified LogicDialog delivery, as a handler sees it.
 *
 * <p>Instances are immutable and belong to a single delivery. The JSON views keep the order in which
 * the platform sent the members, so form values are listed as the user entered them.
 */
public interface WebhookRequest {

    /**
     * The handler name the delivery asked for; the one this handler is registered under.
     *
     * @return the handler name, never empty
     */
    String handlerName();

    /**
     * The bot the delivery came from: {@code "default"} for {@code POST /webhook}, else the
     * {@code {bot}} of {@code POST /webhook/{bot}}.
     *
     * @return the bot name
     */
    String bot();

    /**
     * An id for this delivery that is safe to log: the token's {@code jti} when it has one, otherwise a
     * value derived from the token by a one-way hash. Every log line the receiver writes about the
     * delivery carries it.
     *
     * @return the delivery id
     */
    String deliveryId();

    /**
     * Whether no earlier run of this delivery is known. Copies of a delivery (the same token and the same body)
     * within the replay window ({@code dialoghook.replay.window}) never reach a handler: they get the first run's
     * reply. This is {@code false} when the replay store still held the expired record of an earlier copy, so the
     * handler runs again and may want to check for work it already did. A store drops expired records soon (the
     * in-memory store as it tidies, the data grid by its own expiry and size), so {@code true} is no promise that
     * no copy ran before.
     *
     * @return {@code false} when an earlier run of the delivery is known
     */
    boolean firstDelivery();

    /**
     * The form answers, name to JSON value, in document order; empty when the block has no form.
     * A value may be a scalar or an object with a {@code value} member, as the platform sent it.
     *
     * @return the form values, never {@code null}
     */
    JsonObject formValues();

    /**
     * One form answer as text. A scalar and an object with a {@code value} member read the same;
     * numbers and booleans are given in their JSON spelling.
     *
     * @param name the question's name
     * @return the answer, or empty when the form has no such answer or it is JSON {@code null}
     */
    Optional<String> formValue(String name);

    /**
     * Binds the form answers into a type of the handler's own with JSON-B; each {@code {"value": x}}
     * answer is read as {@code x}.
     *
     * @param type a class JSON-B can deserialize
     * @param <T> the form type
     * @return a new instance holding the answers
     * @throws FormBindingException when the answers do not fit the type
     */
    <T> T form(Class<T> type);

    /**
     * The conversation parameters: every top-level member of the body other than the handler name
     * and {@code formValues}, in document order.
     *
     * @return the parameters, never {@code null}
     */
    JsonObject parameters();

    /**
     * The whole body exactly as delivered, as a JSON object.
     *
     * @return the body
     */
    JsonObject body();
}
