package org.dialoghook.bench.ceiling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark only: {@code POST /noop}, the server's own ceiling. It reads no body, verifies nothing, parses
 * nothing, and answers with the same bytes the echo handler answers the benchmark's deliveries with, so that
 * the two endpoints differ by the receiver's work alone. Never part of the WAR users deploy.
 */
@Path("noop")
@ApplicationScoped
public class NoopResource {

    /** What the receiver answers a benchmark delivery with: the echo handler's reply to name=Ada, city=Zürich. */
    static final byte[] REPLY = "{\"blocks\":[{\"type\":\"text\",\"text\":\"name=Ada\\ncity=Zürich\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    /**
     * Answers at once.
     *
     * @return 200 with a fixed JSON body
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response accept() {
        return Response.ok(REPLY, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
