package org.dialoghook.internal.config;

import java.time.Duration;

/**
 * How redeliveries are recognised.
 *
 * @param window how long an accepted delivery and its reply are remembered (at least the token's lifetime)
 * @param useJCache whether the server's JCache may hold them ({@code auto}), or only this server's memory
 */
public record ReplaySettings(Duration window, boolean useJCache) {
}
