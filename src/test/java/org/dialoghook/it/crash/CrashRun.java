package org.dialoghook.it.crash;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * The run's settings, from system properties: {@code crash.deliveries}, {@code crash.kills-per-point},
     * {@code crash.senders}, {@code crash.pause} (milliseconds between a sender's deliveries), {@code crash.seed}.
     *
     * @param deliveries at least this many deliveries
     * @param killsPerPoint kills at each point
     * @param senders senders of new deliveries
     * @param pause a sender's pause between deliveries, in milliseconds
     * @param seed the seed of the random choices
     */
    record CrashSettings(int deliveries, int killsPerPoint, int senders, long pause, long seed) {

        static CrashSettings fromSystemProperties() {
            return new CrashSettings(Integer.getInteger("crash.deliveries", 60),
                    Integer.getInteger("crash.kills-per-point", 1), Integer.getInteger("crash.senders", 2),
                    Long.getLong("crash.pause", 150), Long.getLong("crash.seed", 20261208));
        }

        @Override
        public String toString() {
            return "at least " + deliveries + " deliveries, " + killsPerPoint + " kill(s) per point, " + senders
                    + " senders pausing " + pause + " ms, seed " + seed;
        }
    }

    /** One delivery of the run, its signed copy and the answers it got. */
    static final class CrashDelivery {

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

    /** What came back, counted. */
    static final class CrashOutcome {

        private final List<CrashDelivery> deliveries = Collections.synchronizedList(new ArrayList<>());
        private final Map<CrashPoint, Integer> kills = Collections.synchronizedMap(new EnumMap<>(CrashPoint.class));
        private final Map<String, Integer> otherStatuses = Collections.synchronizedMap(new TreeMap<>());
        private final AtomicInteger copies = new AtomicInteger();
        private final AtomicInteger answers = new AtomicInteger();
        private final AtomicInteger redeliveries = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final AtomicInteger cut = new AtomicInteger();
        private final AtomicInteger timedOut = new AtomicInteger();
        private final AtomicInteger resendRounds = new AtomicInteger();
        private volatile Duration took = Duration.ZERO;

        void add(CrashDelivery delivery) {
            deliveries.add(delivery);
        }

        List<CrashDelivery> deliveries() {
            synchronized (deliveries) {
                return List.copyOf(deliveries);
            }
        }

        List<CrashDelivery> unanswered() {
            return deliveries().stream().filter(delivery -> delivery.answers().isEmpty()).toList();
        }

        void killed(CrashPoint point) {
            kills.merge(point, 1, Integer::sum);
        }

        Map<CrashPoint, Integer> kills() {
            synchronized (kills) {
                return new EnumMap<>(kills);
            }
        }

        void copySent() {
            copies.incrementAndGet();
        }

        void answered(boolean redelivery) {
            answers.incrementAndGet();
            if (redelivery) {
                redeliveries.incrementAndGet();
            }
        }

        void status(String status) {
            otherStatuses.merge(status, 1, Integer::sum);
        }

        void refused() {
            refused.incrementAndGet();
        }

        void cut() {
            cut.incrementAndGet();
        }

        void timedOut() {
            timedOut.incrementAndGet();
        }

        void resendRound() {
            resendRounds.incrementAndGet();
        }

        void took(Duration took) {
            this.took = took;
        }

        int timedOutCount() {
            return timedOut.get();
        }

        /**
         * The figures, one line each.
         *
         * @return the text
         */
        String figures() {
            int distinctMost = deliveries().stream().mapToInt(d -> d.distinctAnswers().size()).max().orElse(0);
            return "deliveries: " + deliveries().size() + "\n"
                    + "kills (SIGKILL) per point: " + kills() + "\n"
                    + "copies sent: " + copies.get() + " (answered 200: " + answers.get() + ", of them marked as a "
                    + "redelivery: " + redeliveries.get() + "; other statuses: " + otherStatuses + "; refused: "
                    + refused.get() + ", cut: " + cut.get() + ", timed out: " + timedOut.get() + ")\n"
                    + "resend rounds: " + resendRounds.get() + "\n"
                    + "distinct answers per delivery: at most " + distinctMost + "\n"
                    + "took: " + took.toMillis() / 1000.0 + " s";
        }
    }
}
