package org.dialoghook.internal.delivery;

import jakarta.json.JsonObject;

/**
 * A delivery's body, parsed once and checked for the shape the receiver needs.
 *
 * @param json the whole body, members in document order
 * @param handlerName the handler name found at the first matching handler field
 * @param handlerMember the top-level member the name was read from, or {@code null} for a nested pointer
 * @param formValues the {@code formValues} object, empty when the body has none
 */
public record DeliveryBody(JsonObject json, String handlerName, String handlerMember, JsonObject formValues) {
}
