package org.dialoghook.internal.delivery;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.dialoghook.WebhookRequest;

/** The request view a handler receives, over a body that was parsed once. */
public final class DefaultWebhookRequest implements WebhookRequest {

    private final String bot;
    private final String deliveryId;
    private final DeliveryBody body;
    private final JsonProvider json;
    private final FormBinder forms;
    private final BooleanSupplier firstDelivery;

    /**
     * Creates the view.
     *
     * @param bot the bot the delivery came from
     * @param deliveryId the log-safe delivery id
     * @param body the parsed body
     * @param json the JSON-P provider
     * @param forms the binder of typed forms
     * @param firstDelivery whether no earlier copy of the delivery is known
     */
    public DefaultWebhookRequest(String bot, String deliveryId, DeliveryBody body, JsonProvider json, FormBinder forms,
            boolean firstDelivery) {
        this(bot, deliveryId, body, json, forms, () -> firstDelivery);
    }

    /**
     * Creates the view of a delivery whose claim is taken on the handler's thread, just before the handler runs.
     *
     * @param bot the bot the delivery came from
     * @param deliveryId the log-safe delivery id
     * @param body the parsed body
     * @param json the JSON-P provider
     * @param forms the binder of typed forms
     * @param firstDelivery tells, once the claim is taken, whether no earlier copy of the delivery is known
     */
    public DefaultWebhookRequest(String bot, String deliveryId, DeliveryBody body, JsonProvider json, FormBinder forms,
            BooleanSupplier firstDelivery) {
        this.bot = bot;
        this.deliveryId = deliveryId;
        this.body = body;
        this.json = json;
        this.forms = forms;
        this.firstDelivery = firstDelivery;
    }

    @Override
    public String handlerName() {
        return body.handlerName();
    }

    @Override
    public String bot() {
        return bot;
    }

    @Override
    public String deliveryId() {
        return deliveryId;
    }

    @Override
    public boolean firstDelivery() {
        return firstDelivery.getAsBoolean();
    }

    @Override
    public JsonObject formValues() {
        return body.formValues();
    }

    @Override
    public Optional<String> formValue(String name) {
        return FormValues.text(body.formValues().get(name));
    }

    @Override
    public <T> T form(Class<T> type) {
        return forms.bind(body.formValues(), type);
    }

    @Override
    public JsonObject parameters() {
        JsonObjectBuilder parameters = json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : body.json().entrySet()) {
            String name = member.getKey();
            if (!name.equals("formValues") && !name.equals(body.handlerMember())) {
                parameters.add(name, member.getValue());
            }
        }
        return parameters.build();
    }

    @Override
    public JsonObject body() {
        return body.json();
    }

    @Override
    public String toString() {
        return "WebhookRequest[bot=" + bot + ", delivery=" + deliveryId + ", handler=" + body.handlerName() + "]";
    }
}
