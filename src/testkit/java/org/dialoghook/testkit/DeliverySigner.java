package org.dialoghook.testkit;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Makes a LogicDialog delivery (body and Bearer token) exactly as the project's default contract describes,
 * so handlers and the receiver can be tested end to end without the platform.
 *
 * <pre>{@code
 * SignedDelivery delivery = DeliverySigner.withSecret(secret)
 *         .handler("echo")
 *         .formValue("name", "Ada")
 *         .sign();
 * // POST delivery.body() with "Authorization: Bearer " + delivery.token()
 * }</pre>
 */
public final class DeliverySigner {

    /** Looked up once: {@code Json.create...} looks the provider up on every call, which makes signing slow. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** How the token vouches for the body. */
    public enum Binding {
        /** A {@code body_sha256} claim (or the chosen claim name) with the hex SHA-256 of the body. */
        HASH,
        /** The handler name and form values repeated in the claims. */
        CLAIMS,
        /** Nothing but the signature. */
        NONE
    }

    private final byte[] key;
    private String algorithm = "HS256";
    private String handlerField = "handler";
    private String handler = "echo";
    private final Map<String, JsonValue> formValues = new LinkedHashMap<>();
    private final Map<String, JsonValue> parameters = new LinkedHashMap<>();
    private boolean withForm = true;
    private Binding binding = Binding.HASH;
    private String hashClaim = "body_sha256";
    private Clock clock = Clock.systemUTC();
    private Duration lifetime = Duration.ofMinutes(5);
    private boolean withIat = true;
    private Instant notBefore;
    private String jti = UUID.randomUUID().toString();
    private String rawBody;

    private DeliverySigner(byte[] key) {
        this.key = key;
    }

    /**
     * Starts a delivery signed with the bot's secret as shown in the portal.
     *
     * @param secret the secret text; its UTF-8 bytes are the key
     * @return a signer for one delivery
     */
    public static DeliverySigner withSecret(String secret) {
        return new DeliverySigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts a delivery signed with a key given as bytes, for a secret that is held as bytes already.
     *
     * @param key the HMAC key
     * @return a signer for one delivery
     */
    public static DeliverySigner withKey(byte[] key) {
        return new DeliverySigner(key.clone());
    }

    /**
     * Sets the handler name (default {@code echo}).
     *
     * @param name the handler name
     * @return this signer
     */
    public DeliverySigner handler(String name) {
        this.handler = name;
        return this;
    }

    /**
     * Sets the top-level member that carries the handler name (default {@code handler}).
     *
     * @param member the member name
     * @return this signer
     */
    public DeliverySigner handlerField(String member) {
        this.handlerField = member;
        return this;
    }

    /**
     * Adds a form answer as a plain string.
     *
     * @param name the question's name
     * @param value the answer
     * @return this signer
     */
    public DeliverySigner formValue(String name, String value) {
        return formValue(name, JSON.createValue(value));
    }

    /**
     * Adds a form answer of any JSON shape (a scalar, or an object with a {@code value} member).
     *
     * @param name the question's name
     * @param value the answer
     * @return this signer
     */
    public DeliverySigner formValue(String name, JsonValue value) {
        formValues.put(name, value);
        return this;
    }

    /**
     * Leaves {@code formValues} out of the body, as a Function block without a Form does.
     *
     * @return this signer
     */
    public DeliverySigner withoutForm() {
        this.withForm = false;
        return this;
    }

    /**
     * Adds a conversation parameter at the top level of the body.
     *
     * @param name the parameter
     * @param value its value
     * @return this signer
     */
    public DeliverySigner parameter(String name, JsonValue value) {
        parameters.put(name, value);
        return this;
    }

    /**
     * Signs this exact body instead of one built from handler and form values.
     *
     * @param body the body text
     * @return this signer
     */
    public DeliverySigner rawBody(String body) {
        this.rawBody = body;
        return this;
    }

    /**
     * Chooses how the token vouches for the body (default {@link Binding#HASH}).
     *
     * @param binding the binding
     * @return this signer
     */
    public DeliverySigner binding(Binding binding) {
        this.binding = Objects.requireNonNull(binding);
        return this;
    }

    /**
     * Renames the body-hash claim (default {@code body_sha256}).
     *
     * @param claim the claim name
     * @return this signer
     */
    public DeliverySigner hashClaim(String claim) {
        this.hashClaim = claim;
        return this;
    }

    /**
     * Chooses the JWS algorithm (default {@code HS256}).
     *
     * @param algorithm for example {@code HS512}
     * @return this signer
     */
    public DeliverySigner algorithm(String algorithm) {
        this.algorithm = algorithm;
        return this;
    }

    /**
     * Sets the clock {@code iat}, {@code exp} and {@code nbf} are counted from.
     *
     * @param clock the clock
     * @return this signer
     */
    public DeliverySigner clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Sets {@code exp} this long after {@code iat}; {@code null} leaves {@code exp} out (default 5 minutes).
     *
     * @param lifetime the token's lifetime
     * @return this signer
     */
    public DeliverySigner lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    /**
     * Leaves {@code iat} out.
     *
     * @return this signer
     */
    public DeliverySigner withoutIssuedAt() {
        this.withIat = false;
        return this;
    }

    /**
     * Sets {@code nbf}.
     *
     * @param notBefore the instant
     * @return this signer
     */
    public DeliverySigner notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    /**
     * Sets {@code jti}; {@code null} leaves it out (default a random UUID).
     *
     * @param jti the token id
     * @return this signer
     */
    public DeliverySigner jti(String jti) {
        this.jti = jti;
        return this;
    }

    /**
     * Builds the body and signs the token.
     *
     * @return the delivery
     */
    public SignedDelivery sign() {
        String body = rawBody != null ? rawBody : body().toString();
        JsonObjectBuilder claims = JSON.createObjectBuilder();
        long now = clock.instant().getEpochSecond();
        if (withIat) {
            claims.add("iat", now);
        }
        if (lifetime != null) {
            claims.add("exp", now + lifetime.getSeconds());
        }
        if (notBefore != null) {
            claims.add("nbf", notBefore.getEpochSecond());
        }
        if (jti != null) {
            claims.add("jti", jti);
        }
        if (binding == Binding.HASH) {
            claims.add(hashClaim, HexFormat.of().formatHex(sha256(body.getBytes(StandardCharsets.UTF_8))));
        } else if (binding == Binding.CLAIMS) {
            claims.add(handlerField, handler);
            claims.add("formValues", form());
        }
        return new SignedDelivery(body, sign(claims.build().toString()));
    }

    /**
     * Signs an arbitrary claims set with this signer's key and algorithm.
     *
     * @param claimsJson the claims as JSON text
     * @return the compact token
     */
    public String sign(String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(key));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private JsonObject body() {
        JsonObjectBuilder body = JSON.createObjectBuilder();
        body.add(handlerField, handler);
        if (withForm) {
            body.add("formValues", form());
        }
        parameters.forEach(body::add);
        return body.build();
    }

    private JsonObject form() {
        JsonObjectBuilder form = JSON.createObjectBuilder();
        formValues.forEach(form::add);
        return form.build();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A signed delivery: the body to POST and the token for {@code Authorization: Bearer}.
     *
     * @param body the JSON body
     * @param token the compact JWT
     */
    public record SignedDelivery(String body, String token) {

        /** Keeps the token out of test reports and logs. */
        @Override
        public String toString() {
            return "SignedDelivery[" + body.length() + " characters of body, token redacted]";
        }
    }
}
