package org.dialoghook.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import org.dialoghook.internal.LogCapture;
import org.dialoghook.internal.config.BodyBindingMode;
import org.dialoghook.internal.config.Secret;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.testkit.DeliverySigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secret rotation: the current secret first, then the previous one, and every use of the previous one counted. */
class BotTokenVerifierTest {

    private static final String CURRENT = "the-current-secret-of-the-sales-bot!";
    private static final String PREVIOUS = "the-previous-secret-of-the-sales-bot";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TokenSettings SETTINGS = new TokenSettings(Set.of("HS256"), Duration.ofSeconds(60),
            Optional.empty(), false, BodyBindingMode.AUTO, "body_sha256", List.of("/handler"));

    private LogCapture log;

    @BeforeEach
    void listen() {
        log = LogCapture.of(BotTokenVerifier.class);
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    private static TokenVerifier verifierOf(String secret) {
        return new TokenVerifier(Secret.of(secret), SETTINGS, CLOCK, JsonProvider.provider());
    }

    private static BotTokenVerifier rotating() {
        return new BotTokenVerifier("sales", "dialoghook.bots.sales.previous-secret", verifierOf(CURRENT),
                Optional.of(verifierOf(PREVIOUS)));
    }

    private static String token(String secret, String claims) {
        return DeliverySigner.withSecret(secret).sign(claims);
    }

    private static String claims(long expiresIn) {
        return "{\"jti\":\"d-7\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + (NOW.getEpochSecond() + expiresIn) + "}";
    }

    @Test
    void theCurrentSecretIsAcceptedAndNotCounted() throws Exception {
        BotTokenVerifier verifier = rotating();
        assertEquals("d-7", verifier.verify(token(CURRENT, claims(300))).deliveryId());
        assertEquals(0, verifier.previousSecretDeliveries());
        assertTrue(log.records().isEmpty());
    }

    @Test
    void thePreviousSecretIsAcceptedCountedAndLoggedWithoutTheSecret() throws Exception {
        BotTokenVerifier verifier = rotating();
        String token = token(PREVIOUS, claims(300));
        assertEquals("d-7", verifier.verify(token).deliveryId());
        verifier.verify(token);
        assertEquals(2, verifier.previousSecretDeliveries());
        assertEquals(2, log.records().size());
        String line = java.text.MessageFormat.format(log.records().get(1).getMessage(), log.records().get(1).getParameters());
        assertTrue(line.startsWith("DH-0110 bot=sales delivery=d-7: "), line);
        assertTrue(line.contains("dialoghook.bots.sales.previous-secret") && line.contains(", 2 since start"), line);
        assertFalse(line.contains(PREVIOUS) || line.contains(CURRENT) || line.contains(token), line);
    }

    @Test
    void thePreviousSecretStopsAtItsEndByItselfAndTheCountGoesOnAcrossVerifiers() throws Exception {
        AtomicLong counted = new AtomicLong(4);
        Instant end = NOW.plusSeconds(60);
        BotTokenVerifier beforeItsEnd = new BotTokenVerifier("sales", "p", verifierOf(CURRENT),
                Optional.of(verifierOf(PREVIOUS)), Optional.of(end), Clock.fixed(end.minusMillis(1), ZoneOffset.UTC),
                counted);
        assertEquals("d-7", beforeItsEnd.verify(token(PREVIOUS, claims(300))).deliveryId());
        assertEquals(5, counted.get());

        BotTokenVerifier atItsEnd = new BotTokenVerifier("sales", "p", verifierOf(CURRENT),
                Optional.of(verifierOf(PREVIOUS)), Optional.of(end), Clock.fixed(end, ZoneOffset.UTC), counted);
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> atItsEnd.verify(token(PREVIOUS, claims(300))));
        assertEquals("The token's signature does not match the bot's secret.", e.getMessage());
        assertEquals("d-7", atItsEnd.verify(token(CURRENT, claims(300))).deliveryId(), "the current secret goes on");
        assertEquals(5, atItsEnd.previousSecretDeliveries());
    }

    @Test
    void withoutAPreviousSecretItsTokensAreRefused() {
        BotTokenVerifier verifier = new BotTokenVerifier("sales", "p", verifierOf(CURRENT), Optional.empty());
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(token(PREVIOUS, claims(300))));
        assertEquals("The token's signature does not match the bot's secret.", e.getMessage());
    }

    @Test
    void aTokenMatchingNeitherSecretGivesTheSignatureReason() {
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> rotating().verify(token("some-other-secret-entirely-0123456", claims(300))));
        assertEquals("The token's signature does not match the bot's secret.", e.getMessage());
    }

    @Test
    void anExpiredTokenSignedWithThePreviousSecretGivesTheExpiryReasonAndIsNotCounted() {
        BotTokenVerifier verifier = rotating();
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(token(PREVIOUS, claims(-3600))));
        assertEquals("The token has expired (exp).", e.getMessage());
        assertEquals(0, verifier.previousSecretDeliveries());
    }

    @Test
    void anExpiredTokenSignedWithTheCurrentSecretIsNotTriedWithThePreviousOne() {
        BotTokenVerifier verifier = rotating();
        InvalidTokenException e = assertThrows(InvalidTokenException.class,
                () -> verifier.verify(token(CURRENT, claims(-3600))));
        assertEquals("The token has expired (exp).", e.getMessage());
        assertFalse(e.signatureMismatch());
    }
}
