package org.dialoghook.it.crash;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dialoghook.it.WebhookIT;
import org.dialoghook.testkit.DeliverySigner;
import org.dialoghook.testkit.DeliverySigner.SignedDelivery;

/**
 * The crash run: senders post deliveries of the example's ticket handler, each copy to a random member, while the
 * run kills members with SIGKILL at each {@link CrashPoint} in turn (a copy asks for the point, the run waits for
 * the member's marker line, kills it, and starts it again); then every delivery is sent again, to random members,
 * until it is answered, and once more after that. Every loop is bounded in count and time. What came back is in
 * {@link CrashOutcome}; the test checks it against the database.
 */
final class CrashRun {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY = Duration.ofSeconds(240);
    private static final Duration MARKER = Duration.ofSeconds(90);
    private static final int RESEND_ROUNDS = 60;
    private static final int MOST_DELIVERIES = 5000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Member> members;
    private final CrashSettings settings;
    private final Random random;
    private final CrashOutcome outcome = new CrashOutcome();

    CrashRun(List<Member> members, CrashSettings settings) {
        this.members = members;
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    /**
     * Runs it: the members must have been started.
     *
     * @return what came back
     * @throws Exception when the run cannot go on (a marker that never came, a member that did not start)
     */
    CrashOutcome run() throws Exception {
        long started = System.nanoTime();
        for (Member member : members) {
            member.awaitReady(READY);
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.senders() + 1);
        try {
            AtomicBoolean crashing = new AtomicBoolean(true);
            List<Future<?>> senders = new ArrayList<>();
            for (int i = 0; i < settings.senders(); i++) {
                senders.add(pool.submit(() -> sendNew(crashing)));
            }
            try {
                crash(pool);
            } finally {
                crashing.set(false);
            }
            for (Future<?> sender : senders) {
                sender.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Member member : members) {
            member.awaitReady(READY);
        }
        resendUntilAnswered();
        for (CrashDelivery delivery : outcome.deliveries()) {
            send(delivery, members.get(random(members.size())), null);
        }
        outcome.took(Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    /** Sends new deliveries, first copies only, while the kills go on and until there are enough. */
    private void sendNew(AtomicBoolean crashing) {
        while ((crashing.get() || outcome.deliveries().size() < settings.deliveries())
                && outcome.deliveries().size() < MOST_DELIVERIES) {
            CrashDelivery delivery = newDelivery(null);
            send(delivery, members.get(random(members.size())), null);
            pause(settings.pause());
        }
    }

    /** Each point in turn, {@code killsPerPoint} times, on the members in turn. */
    private void crash(ExecutorService pool) throws Exception {
        List<CrashPoint> plan = new ArrayList<>();
        for (int i = 0; i < settings.killsPerPoint(); i++) {
            plan.addAll(List.of(CrashPoint.values()));
        }
        for (int i = 0; i < plan.size(); i++) {
            Member victim = members.get(i % members.size());
            if (!victim.isAlive()) {
                throw new AssertionError(victim.name() + " is not running; see " + victim.output());
            }
            victim.awaitReady(READY);
            pause(settings.pause() * 20);
            CrashPoint point = plan.get(i);
            CrashDelivery delivery = newDelivery(point);
            Future<?> copy = pool.submit(() -> send(delivery, victim, point));
            awaitMarker(victim, point.marker(delivery.id()));
            victim.kill();
            outcome.killed(point);
            copy.get(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            victim.start();
        }
    }

    private void awaitMarker(Member member, String marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + MARKER.toNanos();
        while (System.nanoTime() < deadline && member.isAlive()) {
            if (member.printed(marker)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line '" + marker + "' from " + member.name() + " within " + MARKER + "; see "
                + member.output());
    }

    private void resendUntilAnswered() throws InterruptedException {
        for (int round = 0; round < RESEND_ROUNDS; round++) {
            List<CrashDelivery> unanswered = new ArrayList<>(outcome.unanswered());
            if (unanswered.isEmpty()) {
                return;
            }
            Collections.shuffle(unanswered, random);
            for (CrashDelivery delivery : unanswered) {
                send(delivery, members.get(random(members.size())), null);
            }
            outcome.resendRound();
            if (!outcome.unanswered().isEmpty()) {
                Thread.sleep(1000);
            }
        }
    }

    private CrashDelivery newDelivery(CrashPoint point) {
        String id = UUID.randomUUID().toString();
        SignedDelivery signed = DeliverySigner.withSecret(WebhookIT.SECRET).handler(ExampleHandler.HANDLER)
                .formValue("topic", "crash test " + id.substring(0, 8)).jti(id).sign();
        CrashDelivery delivery = new CrashDelivery(id, signed, point);
        outcome.add(delivery);
        return delivery;
    }

    /** Sends one copy and notes what came of it. */
    private void send(CrashDelivery delivery, Member member, CrashPoint point) {
        HttpRequest.Builder request = HttpRequest.newBuilder(member.webhook())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + delivery.signed().token())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.signed().body()));
        if (point != null) {
            request.header(CrashPoint.HEADER, point.label());
        }
        outcome.copySent();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                boolean redelivery = response.headers().firstValue("Dialoghook-Redelivery").isPresent();
                delivery.answered(response.body(), redelivery);
                outcome.answered(redelivery);
            } else {
                outcome.status(response.statusCode() + " " + response.headers().firstValue("Content-Type")
                        .orElse("without Content-Type"));
            }
        } catch (ConnectException e) {
            outcome.refused();
        } catch (HttpTimeoutException e) {
            outcome.timedOut();
        } catch (IOException e) {
            outcome.cut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized int random(int bound) {
        return random.nextInt(bound);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
