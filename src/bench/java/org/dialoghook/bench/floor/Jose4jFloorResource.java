package org.dialoghook.bench.floor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Benchmark only: {@code POST /floor}, the no-op endpoint plus jose4j verifying the Bearer token's HS256
 * signature and nothing else: no body read, no claim parsed or checked, no handler. It makes the same jose4j
 * calls the receiver's {@code TokenVerifier} makes, so it shows what a JWT costs on this server before the
 * receiver does anything of its own. Never part of the WAR users deploy.
 */
@Path("floor")
@ApplicationScoped
public class Jose4jFloorResource {

    private static final byte[] REPLY = "{\"blocks\":[{\"type\":\"text\",\"text\":\"name=Ada\\ncity=Zürich\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String BEARER = "Bearer ";

    private final AlgorithmConstraints algorithms =
            new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256");
    private HmacKey key;

    @PostConstruct
    void build() {
        String secret = ConfigProvider.getConfig().getValue("dialoghook.secret", String.class);
        key = new HmacKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies the token and answers.
     *
     * @param authorization the Authorization header
     * @return 200 with the echo reply's bytes, or 401
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response accept(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(algorithms);
            jws.setKey(key);
            jws.setDoKeyValidation(false);
            jws.setCompactSerialization(authorization.substring(BEARER.length()));
            if (jws.verifySignature() && jws.getPayloadBytes().length > 0) {
                return Response.ok(REPLY, MediaType.APPLICATION_JSON_TYPE).build();
            }
        } catch (JoseException | RuntimeException e) {
            // refused like a bad signature
        }
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_PLAIN_TYPE).entity("invalid token").build();
    }
}
