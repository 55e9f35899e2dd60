package org.dialoghook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bot's reply to one delivery: the blocks to show, in order, and attributes to store on the conversation.
 *
 * <p>Immutable; made by {@link ResponseBuilder#build()}.
 *
 * @param blocks the blocks, in the order they were pushed
 * @param attributes the attributes, in the order they were first set
 */
public record Reply(List<Block> blocks, Map<String, Object> attributes) {

    /** Copies both collections; attribute order is kept. */
    public Reply {
        blocks = List.copyOf(blocks);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
