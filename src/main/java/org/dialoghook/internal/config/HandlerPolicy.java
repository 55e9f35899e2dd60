package org.dialoghook.internal.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of one handler, its own merged with the global ones: how long it may take, which portal block the
 * bot user sees when it fails, times out, or is given a form that does not validate, and which bots it serves.
 *
 * @param timeout the deadline for the handler's reply
 * @param fallbackBlock the block pointer sent with 200 on failure or timeout; empty for a problem reply
 * @param invalidFormBlock the block pointer sent with 200 for an invalid form; empty for a text block of the messages
 * @param bots the bots the handler is limited to ({@code dialoghook.handlers.<name>.bots}); empty when it serves
 *        every bot
 */
public record HandlerPolicy(Duration timeout, Optional<String> fallbackBlock, Optional<String> invalidFormBlock,
        Optional<Set<String>> bots) {

    /** Copies the set of bots. */
    public HandlerPolicy {
        bots = bots.map(Set::copyOf);
    }

    /**
     * Whether the handler serves deliveries from a bot.
     *
     * @param bot the bot's name
     * @return true when it is not limited, or limited to a set that holds the bot
     */
    public boolean serves(String bot) {
        return bots.map(names -> names.contains(bot)).orElse(true);
    }
}
