package org.dialoghook.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.dialoghook.internal.LogCapture;
import org.dialoghook.internal.delivery.DeliveryRefusedException;
import org.dialoghook.internal.delivery.JsonSupport;
import org.dialoghook.internal.delivery.ProblemKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a refusal becomes its reply and its log line: the status, title and type of its kind, the headers the kind
 * calls for, one error id in both, the level of the kind, and nothing decoded back from a status or a header.
 */
class ProblemResponderTest {

    private final ProblemResponder problems = new ProblemResponder();
    private LogCapture log;

    @BeforeEach
    void listen() {
        problems.json = new JsonSupport();
        log = LogCapture.of(ProblemResponder.class);
    }

    @AfterEach
    void stopListening() {
        log.close();
    }

    private static JsonObject body(Response response) {
        return Json.createReader(new StringReader(new String((byte[]) response.getEntity(), StandardCharsets.UTF_8)))
                .readObject();
    }

    @ParameterizedTest
    @EnumSource(ProblemKind.class)
    void everyKindIsAnsweredWithItsOwnStatusTypeAndTitle(ProblemKind kind) {
        Response reply = problems.refusal(new DeliveryRefusedException(kind, "what went wrong")
                .about("d-1", "echo")).build();
        assertEquals(kind.status(), reply.getStatus());
        assertEquals(Problem.MEDIA_TYPE, reply.getMediaType().toString());
        JsonObject body = body(reply);
        assertEquals(Set.of("type", "title", "status", "detail", "errorId"), body.keySet());
        assertEquals(kind.type(), body.getString("type"));
        assertEquals(kind.title(), body.getString("title"));
        assertEquals(kind.status(), body.getInt("status"));
        assertEquals("what went wrong", body.getString("detail"));
        LogRecord line = log.last();
        assertEquals(kind.level(), line.getLevel());
        assertEquals("DH-" + kind.status(), line.getParameters()[0]);
        assertEquals("d-1", line.getParameters()[1]);
        assertEquals("echo", line.getParameters()[2]);
        assertEquals(body.getString("errorId"), line.getParameters()[4], "one error id in the reply and the log");
        assertNull(line.getThrown(), "a refusal logs no stack trace");
    }

    @Test
    void aMissingTokenIsChallengedWithoutAnErrorCodeAndARefusedOneAsInvalid() {
        assertEquals("Bearer", problems.refusal(new DeliveryRefusedException(ProblemKind.MISSING_TOKEN, "none"))
                .build().getHeaderString("WWW-Authenticate"));
        assertEquals("Bearer error=\"invalid_token\"", problems.refusal(new DeliveryRefusedException(
                ProblemKind.INVALID_TOKEN, "expired")).build().getHeaderString("WWW-Authenticate"));
        assertNull(problems.refusal(new DeliveryRefusedException(ProblemKind.MALFORMED_DELIVERY, "x")).build()
                .getHeaderString("WWW-Authenticate"));
    }

    @Test
    void aBodyTooLargeClosesTheConnection() {
        assertEquals("close", problems.refusal(new DeliveryRefusedException(ProblemKind.BODY_TOO_LARGE, "big"))
                .build().getHeaderString("Connection"));
    }

    @Test
    void logTextFromTheRequestStaysOnOneLine() {
        problems.refusal(new DeliveryRefusedException(ProblemKind.NOT_FOUND, "No bot named 'a\nDH-0000 forged'.")
                .about("d-2", "x\ry"));
        LogRecord line = log.last();
        assertFalse(String.valueOf(line.getParameters()[5]).contains("\n"));
        assertFalse(String.valueOf(line.getParameters()[2]).contains("\r"));
    }

    @Test
    void theRuntimesOwnRefusalsTakeTheirKindFromTheirType() {
        RuntimeProblemMapper mapper = new RuntimeProblemMapper();
        mapper.problems = problems;
        assertEquals("urn:dialoghook:problem:not-found", body(mapper.toResponse(new NotFoundException())).getString("type"));
        Response notAllowed = mapper.toResponse(new NotAllowedException("POST"));
        assertEquals(405, notAllowed.getStatus());
        assertEquals("urn:dialoghook:problem:method-not-allowed", body(notAllowed).getString("type"));
        assertEquals("POST", notAllowed.getHeaderString("Allow"));
        assertEquals(415, mapper.toResponse(new NotSupportedException()).getStatus());
        Response teapot = mapper.toResponse(new WebApplicationException(418));
        assertEquals(418, teapot.getStatus());
        assertEquals("urn:dialoghook:problem:client-error", body(teapot).getString("type"));
        assertEquals(418, body(teapot).getInt("status"));
        Response failed = mapper.toResponse(new WebApplicationException(502));
        assertEquals("urn:dialoghook:problem:internal-error", body(failed).getString("type"));
        assertEquals(Level.SEVERE, log.last().getLevel());
    }

    @Test
    void anUnexpectedErrorIsAnInternalErrorWhoseTraceStaysInTheLog() {
        UnexpectedErrorMapper mapper = new UnexpectedErrorMapper();
        mapper.problems = problems;
        IllegalStateException bug = new IllegalStateException("internal detail that must not leave");
        Response reply = mapper.toResponse(bug);
        assertEquals(500, reply.getStatus());
        assertFalse(body(reply).toString().contains("internal detail"));
        assertEquals(bug, log.last().getThrown());
    }
}
