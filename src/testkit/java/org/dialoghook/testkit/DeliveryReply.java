package org.dialoghook.testkit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's answer to one delivery, parsed: the status, the reply's blocks and attributes on success,
 * the problem details on an error.
 *
 * @param status the HTTP status
 * @param contentType the reply's media type
 * @param body the reply body as JSON; an empty object when the body was not JSON
 */
public record DeliveryReply(int status, String contentType, JsonObject body) {

    /**
     * The reply's blocks, in order; empty for a problem.
     *
     * @return the blocks
     */
    public List<JsonObject> blocks() {
        JsonArray blocks = body.getJsonArray("blocks");
        return blocks == null ? List.of() : blocks.getValuesAs(JsonObject.class);
    }

    /**
     * The reply's attributes; empty when it set none.
     *
     * @return the attributes
     */
    public JsonObject attributes() {
        JsonObject attributes = body.getJsonObject("attributes");
        return attributes == null ? JsonValue.EMPTY_JSON_OBJECT : attributes;
    }

    /**
     * The text of the first text block.
     *
     * @return the text, or empty when there is no text block
     */
    public Optional<String> firstText() {
        return blocks().stream().filter(block -> "text".equals(block.getString("type", null)))
                .map(block -> block.getString("text")).findFirst();
    }

    /**
     * The problem details, when the receiver answered with an error.
     *
     * @return the problem, or empty for a reply
     */
    public Optional<JsonObject> problem() {
        return contentType.startsWith("application/problem+json") ? Optional.of(body) : Optional.empty();
    }
}
