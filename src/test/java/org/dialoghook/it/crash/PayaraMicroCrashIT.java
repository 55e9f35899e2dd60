package org.dialoghook.it.crash;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dialoghook.internal.replay.PostgresServer;
import org.dialoghook.it.FileTrees;
import org.dialoghook.it.PayaraMicroProcess;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro members (no data grid) sharing one PostgreSQL, with the replay store and the example's ticket
 * handler in it, killed with SIGKILL in a handler, right after a commit and before an answer: every delivery ends
 * with one ticket and one answer. See {@link CrashRun} and docs/soak.md.
 */
class PayaraMicroCrashIT {

    private static final Path WORK = Path.of(System.getProperty("dialoghook.it.work", "target"), "crash-it");

    @Test
    void everyDeliveryOpensOneTicketAndGetsOneAnswerWhateverTheKills() throws Exception {
        FileTrees.delete(WORK);
        Files.createDirectories(WORK);
        try (PostgresServer postgres = PostgresServer.start()) {
            File war = CrashWar.build("crash", postgres.port(), WORK);
            List<Member> members = List.of(
                    new PayaraMicroMember("member1", WORK, war, PayaraMicroProcess.freePort()),
                    new PayaraMicroMember("member2", WORK, war, PayaraMicroProcess.freePort()));
            CrashChecks.runAndCheck("Payara Micro crash run (" + Path.of(System.getProperty("payara.microJar",
                    "payara-micro.jar")).getFileName() + ", two members)", members, postgres.dataSource(),
                    WORK.resolve("report.txt"));
        }
    }
}
