package org.dialoghook.it.crash;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;

/** One delivery of the run, its signed copy and the answers it got. */
final class CrashDelivery {

    private final String id;
    private final SignedDelivery signed;
    private final CrashPoint point;
    private final List<byte[]> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger fresh = new AtomicInteger();

    CrashDelivery(String id, SignedDelivery signed, CrashPoint point) {
        this.id = id;
        this.signed = signed;
        this.point = point;
    }

    String id() {
        return id;
    }

    SignedDelivery signed() {
        return signed;
    }

    /** @return the point its first copy asked for, or null */
    CrashPoint point() {
        return point;
    }

    void answered(byte[] body, boolean redelivery) {
        answers.add(body);
        if (!redelivery) {
            fresh.incrementAndGet();
        }
    }

    /** @return the {@code 200} answers' bodies */
    List<byte[]> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** @return the different bodies among the answers */
    Set<ByteBuffer> distinctAnswers() {
        Set<ByteBuffer> distinct = new HashSet<>();
        answers().forEach(body -> distinct.add(ByteBuffer.wrap(body)));
        return distinct;
    }

    /** @return how many answers were not marked as a redelivery: the run's own reply */
    int freshAnswers() {
        return fresh.get();
    }

    /** @return the ticket number in the first answer */
    String ticket() {
        JsonObject reply = Json.createReader(new ByteArrayInputStream(answers().get(0))).readObject();
        return reply.getJsonObject("attributes").getString("ticket");
    }
}
