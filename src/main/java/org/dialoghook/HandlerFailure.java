package org.dialoghook;

import java.util.Optional;

/**
 * Why a handler gave no reply: it threw, or it missed its deadline. Passed to a {@link WebhookErrorHandler}.
 *
 * @param handlerName the handler that failed
 * @param timedOut {@code true} when the deadline passed, {@code false} when the handler threw
 * @param cause what the handler threw; {@code null} when it timed out
 * @param errorId the id the receiver's log line about this failure carries
 * @param fallbackBlock the block configured for this handler's failures, if any
 */
public record HandlerFailure(String handlerName, boolean timedOut, Throwable cause, String errorId,
        Optional<String> fallbackBlock) {

    /**
     * The reply that sends the bot user to the configured fallback block.
     *
     * @return a reply with one block pointer, or empty when no fallback block is configured
     */
    public Optional<Reply> fallbackReply() {
        return fallbackBlock.map(block -> new ResponseBuilder().pushBlockPointer(block).build());
    }
}
