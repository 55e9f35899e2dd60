package org.dialoghook.internal.config;

import java.util.Optional;

/**
 * Every setting of the receiver, read once at deployment and never changed.
 *
 * @param secret the default bot's secret; empty means every delivery is refused with 503
 * @param token how tokens are verified and bound to bodies
 * @param maxBodyBytes the largest body accepted
 * @param limits limits on the body's shape
 * @param replay how redeliveries are recognised
 */
public record ReceiverSettings(Optional<Secret> secret, TokenSettings token, int maxBodyBytes, BodyLimits limits,
        ReplaySettings replay) {
}
