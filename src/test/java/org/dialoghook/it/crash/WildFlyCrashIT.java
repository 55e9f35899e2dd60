package org.dialoghook.it.crash;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dialoghook.internal.replay.PostgresServer;
import org.dialoghook.it.FileTrees;
import org.dialoghook.it.WildFlyProcess;
import org.junit.jupiter.api.Test;

/**
 * Two WildFly servers ({@code standalone.xml}, no cluster) sharing one PostgreSQL, with the replay store and the
 * example's ticket handler in it, killed with SIGKILL in a handler, right after a commit and before an answer: every
 * delivery ends with one ticket and one answer. See {@link CrashRun} and docs/soak.md.
 */
class WildFlyCrashIT {

    private static final Path WORK = Path.of(System.getProperty("dialoghook.it.work", "target"), "wildfly-crash-it");
    private static final Path HOME = Path.of(System.getProperty("wildfly.home", "target/wildfly-39.0.1.Final"));

    @Test
    void everyDeliveryOpensOneTicketAndGetsOneAnswerWhateverTheKills() throws Exception {
        FileTrees.delete(WORK);
        Files.createDirectories(WORK);
        try (PostgresServer postgres = PostgresServer.start()) {
            File war = CrashWar.build("crash", postgres.port(), WORK);
            List<Member> members = new ArrayList<>();
            List<Integer> offsets = new ArrayList<>();
            for (String name : List.of("member1", "member2")) {
                Path base = WORK.resolve(name + "-base");
                FileTrees.copy(HOME.resolve("standalone"), base);
                Files.copy(war.toPath(), base.resolve("deployments/crash.war"));
                offsets.add(WildFlyProcess.freeOffset(offsets));
                members.add(new WildFlyMember(name, WORK, HOME, base, offsets.get(offsets.size() - 1), "/crash"));
            }
            CrashChecks.runAndCheck("WildFly crash run (" + HOME.getFileName() + ", two servers)", members,
                    postgres.dataSource(), WORK.resolve("report.txt"));
        }
    }
}
