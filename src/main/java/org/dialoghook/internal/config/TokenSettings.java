package org.dialoghook.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a bot's tokens are verified: everything but the secret.
 *
 * @param algorithms the JWS algorithms accepted, a subset of HS256, HS384, HS512
 * @param clockSkew the tolerance on {@code exp}, {@code nbf} and {@code iat}, either way
 * @param maxAge the oldest {@code iat} accepted, when set; such tokens must carry {@code iat}
 * @param requireExp whether a token without {@code exp} is refused
 * @param bodyBinding how the token must vouch for the body
 * @param bodyHashClaim the claim that carries the SHA-256 of the raw body
 * @param handlerFields JSON Pointers tried in order to find the handler name, in the body and in the claims
 */
public record TokenSettings(
        Set<String> algorithms,
        Duration clockSkew,
        Optional<Duration> maxAge,
        boolean requireExp,
        BodyBindingMode bodyBinding,
        String bodyHashClaim,
        List<String> handlerFields) {

    /** Copies the collections. */
    public TokenSettings {
        algorithms = Set.copyOf(algorithms);
        handlerFields = List.copyOf(handlerFields);
    }
}
