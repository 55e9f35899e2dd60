package org.dialoghook.internal.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dialoghook.internal.auth.TokenVerifier.VerifiedToken;

/**
 * Verifies one bot's tokens during and outside a secret rotation: with the current secret first and, when a
 * previous secret is set, has not ended and the signature did not match the current one, with the previous secret.
 * Each delivery accepted with the previous secret is counted and logged ({@code DH-0110}, never the secret), so the
 * operator can see when the platform has stopped using it. Thread-safe.
 */
public final class BotTokenVerifier {

    private static final Logger LOG = Logger.getLogger(BotTokenVerifier.class.getName());

    private final String bot;
    private final String previousSecretSetting;
    private final TokenVerifier current;
    private final Optional<TokenVerifier> previous;
    private final Optional<Instant> previousEnds;
    private final Clock clock;
    private final AtomicLong previousSecretDeliveries;

    /**
     * Creates the verifier.
     *
     * @param bot the bot's name, for the log
     * @param previousSecretSetting the name of the previous-secret setting, for the log
     * @param current the verifier of the current secret
     * @param previous the verifier of the previous secret, when one is set
     */
    public BotTokenVerifier(String bot, String previousSecretSetting, TokenVerifier current,
            Optional<TokenVerifier> previous) {
        this(bot, previousSecretSetting, current, previous, Optional.empty(), Clock.systemUTC(), new AtomicLong());
    }

    /**
     * Creates the verifier of a bot whose previous secret may have an end.
     *
     * @param bot the bot's name, for the log
     * @param previousSecretSetting the name of the previous-secret setting, for the log
     * @param current the verifier of the current secret
     * @param previous the verifier of the previous secret, when one is set
     * @param previousEnds from when on the previous secret is refused; empty for no end
     * @param clock tells when the previous secret has ended
     * @param previousSecretDeliveries counts the deliveries accepted with the previous secret; kept across changes
     *        of the settings
     */
    public BotTokenVerifier(String bot, String previousSecretSetting, TokenVerifier current,
            Optional<TokenVerifier> previous, Optional<Instant> previousEnds, Clock clock,
            AtomicLong previousSecretDeliveries) {
        this.bot = bot;
        this.previousSecretSetting = previousSecretSetting;
        this.current = current;
        this.previous = previous;
        this.previousEnds = previousEnds;
        this.clock = clock;
        this.previousSecretDeliveries = previousSecretDeliveries;
    }

    /**
     * Verifies a compact token with the current secret, then with the previous one.
     *
     * @param token the token from the {@code Authorization} header
     * @return the verified claims and delivery id
     * @throws InvalidTokenException with a short, token-free reason: the previous secret's when the token's
     *         signature matched it, else the current secret's
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        try {
            return current.verify(token);
        } catch (InvalidTokenException refused) {
            if (previous.isEmpty() || !refused.signatureMismatch() || previousEnded()) {
                throw refused;
            }
            VerifiedToken verified;
            try {
                verified = previous.get().verify(token);
            } catch (InvalidTokenException refusedToo) {
                throw refusedToo.signatureMismatch() ? refused : refusedToo;
            }
            long count = previousSecretDeliveries.incrementAndGet();
            LOG.log(Level.INFO, "DH-0110 bot={0} delivery={1}: accepted with the previous secret ({2}), {3} since "
                    + "start; remove it once the platform signs with the current secret only",
                    new Object[] {bot, verified.deliveryId(), previousSecretSetting, String.valueOf(count)});
            return verified;
        }
    }

    /**
     * Which of the bot's secrets signed a token, whatever else is wrong with it, for capture mode's report.
     *
     * @param token the compact token
     * @return {@code secret} or {@code previous-secret}, the key of the setting; empty when neither did
     */
    public Optional<String> signingSecret(String token) {
        if (current.signedWithThisSecret(token)) {
            return Optional.of("secret");
        }
        return previous.filter(verifier -> verifier.signedWithThisSecret(token)).map(verifier -> "previous-secret");
    }

    private boolean previousEnded() {
        return previousEnds.filter(end -> !clock.instant().isBefore(end)).isPresent();
    }

    /**
     * Whether a previous secret is set.
     *
     * @return true during a rotation
     */
    public boolean rotating() {
        return previous.isPresent();
    }

    /**
     * How many deliveries were accepted with the previous secret since start.
     *
     * @return the count
     */
    public long previousSecretDeliveries() {
        return previousSecretDeliveries.get();
    }
}
