package org.dialoghook.bench.jmh;

import jakarta.json.spi.JsonProvider;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dialoghook.internal.auth.BodyBinding;
import org.dialoghook.internal.auth.TokenVerifier;
import org.dialoghook.internal.config.BotSettings;
import org.dialoghook.internal.config.ReceiverSettings;
import org.dialoghook.internal.config.SettingsReader;
import org.dialoghook.internal.config.TokenSettings;
import org.dialoghook.internal.delivery.DeliveryBodyReader;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.testkit.DeliverySigner;

/**
 * The receiver's pieces as the server builds them, from settings read the production way, and a pool of
 * deliveries signed before a benchmark runs: each operation verifies a token it has not seen just before.
 */
final class Fixtures {

    /** A secret of the recommended length; used only inside the benchmark process. */
    static final String SECRET = "benchmark-secret-0123456789abcdef0123";

    /** How many distinct deliveries a benchmark cycles through. */
    static final int POOL = 1024;

    final JsonSupport json = new JsonSupport();
    final JsonProvider provider = json.provider();
    final ReceiverSettings settings;
    final TokenVerifier verifier;
    final DeliveryBodyReader bodyReader;
    final BodyBinding binding;
    final byte[][] bodies = new byte[POOL][];
    final String[] tokens = new String[POOL];

    /**
     * Builds the pieces for a body-binding mode and signs the pool to match it.
     *
     * @param mode the setting's value: auto, hash, claims or signature-only
     */
    Fixtures(String mode) {
        Map<String, String> values = Map.of(SettingsReader.SECRET, SECRET, SettingsReader.BODY_BINDING, mode);
        settings = new SettingsReader(name -> Optional.ofNullable(values.get(name))).read();
        BotSettings bot = settings.bots().get(BotSettings.DEFAULT_BOT);
        TokenSettings token = bot.token();
        verifier = new TokenVerifier(bot.secret().orElseThrow(), token, Clock.systemUTC(), provider);
        bodyReader = new DeliveryBodyReader(provider, token.handlerFields(), settings.limits());
        binding = new BodyBinding(token.bodyBinding(), token.bodyHashClaim(), bodyReader, provider);
        DeliverySigner.Binding signed = switch (token.bodyBinding()) {
            case CLAIMS -> DeliverySigner.Binding.CLAIMS;
            case SIGNATURE_ONLY -> DeliverySigner.Binding.NONE;
            case AUTO, HASH -> DeliverySigner.Binding.HASH;
        };
        for (int i = 0; i < POOL; i++) {
            DeliverySigner.SignedDelivery delivery = delivery(signed);
            bodies[i] = delivery.body().getBytes(StandardCharsets.UTF_8);
            tokens[i] = delivery.token();
        }
    }

    /**
     * The benchmark's delivery: what the load benchmark sends to the echo handler.
     *
     * @param binding how the token vouches for the body
     * @return a freshly signed delivery with its own {@code jti}
     */
    static DeliverySigner.SignedDelivery delivery(DeliverySigner.Binding binding) {
        return DeliverySigner.withSecret(SECRET)
                .handler("echo")
                .formValue("name", "Ada")
                .formValue("city", "Zürich")
                .binding(binding)
                .lifetime(Duration.ofDays(1))
                .sign();
    }

    /**
     * Sets a field the container would inject.
     *
     * @param target the bean
     * @param name the field
     * @param value what the container would inject
     */
    static void inject(Object target, String name, Object value) {
        try {
            Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set " + name + " on " + target.getClass().getName(), e);
        }
    }
}
