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
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

/**
 * Benchmark only: {@code POST /floor}, the no-op endpoint plus jose4j verifying the Bearer token's HS256
 * signature and nothing else: no body read, no claim checked, no handler. It shows what a JWT costs on this
 * server before the receiver does anything of its own. Never part of the WAR users deploy.
 */
@Path("floor")
@ApplicationScoped
public class Jose4jFloorResource {

    private static final byte[] REPLY = "{\"blocks\":[{\"type\":\"text\",\"text\":\"name=Ada\\ncity=Zürich\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String BEARER = "Bearer ";

    private JwtConsumer consumer;

    @PostConstruct
    void build() {
        String secret = ConfigProvider.getConfig().getValue("dialoghook.secret", String.class);
        consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "HS256"))
                .setSkipAllValidators()
                .build();
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
            consumer.processToClaims(authorization.substring(BEARER.length()));
            return Response.ok(REPLY, MediaType.APPLICATION_JSON_TYPE).build();
        } catch (InvalidJwtException | RuntimeException e) {
            return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.TEXT_PLAIN_TYPE).entity("invalid token").build();
        }
    }
}
