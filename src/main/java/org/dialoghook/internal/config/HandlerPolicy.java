package org.dialoghook.internal.config;

import java.time.Duration;
import java.util.Optional;

/**
 * What the receiver does around one handler: how long it may take, and which portal block the bot user
 * sees when it fails, times out, or is given a form that does not validate.
 *
 * @param timeout the deadline for the handler's reply
 * @param fallbackBlock the block pointer sent with 200 on failure or timeout; empty for a problem reply
 * @param invalidFormBlock the block pointer sent with 200 for an invalid form; empty for a text block of the messages
 */
public record HandlerPolicy(Duration timeout, Optional<String> fallbackBlock, Optional<String> invalidFormBlock) {
}
