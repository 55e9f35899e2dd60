package org.dialoghook.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What a crash run must leave, read from the shared database itself: one ticket per delivery and one record per
 * delivery in the replay table, every answer of a delivery the same bytes and naming that ticket; and the kills
 * where they were asked for, as the answers show them (a run killed before its commit ran again, a run killed after
 * it was answered only with its stored reply).
 */
final class CrashChecks {

    private CrashChecks() {
    }

    /**
     * Starts the members, runs the crash run on them, checks what it left and stops them, also on failure.
     *
     * @param title what runs, for the report
     * @param members the members, not started yet
     * @param database the shared database
     * @param report where the report goes
     * @throws Exception when a member cannot be started, the run cannot go on or a check fails
     */
    static void runAndCheck(String title, List<Member> members, DataSource database, Path report) throws Exception {
        try {
            for (Member member : members) {
                member.start();
            }
            CrashSettings settings = CrashSettings.fromSystemProperties();
            CrashOutcome outcome = new CrashRun(members, settings).run();
            check(title, settings, outcome, database, report);
        } finally {
            for (Member member : members) {
                member.stop();
            }
        }
    }

    /**
     * Writes the report, then checks.
     *
     * @param title what ran, for the report
     * @param settings the run's settings
     * @param outcome what came back
     * @param database the shared database
     * @param report where the report goes (it is printed too)
     * @throws SQLException when the database cannot be read
     * @throws IOException when the report cannot be written
     */
    static void check(String title, CrashSettings settings, CrashOutcome outcome, DataSource database, Path report)
            throws SQLException, IOException {
        Map<String, List<String>> tickets = column(database, "SELECT delivery_id, id FROM " + ExampleHandler.TABLE);
        Map<String, List<String>> records = new TreeMap<>();
        column(database, "SELECT replay_key, state FROM dialoghook_replays").forEach((key, states) ->
                records.computeIfAbsent(key.split("\\|")[1], id -> new ArrayList<>()).addAll(states));
        List<CrashDelivery> deliveries = outcome.deliveries();
        int rows = tickets.values().stream().mapToInt(List::size).sum();
        String text = "=== " + title + " ===\nsettings: " + settings + "\n" + outcome.figures() + "\n"
                + "rows in " + ExampleHandler.TABLE + ": " + rows + " for " + tickets.size() + " deliveries; records in "
                + "dialoghook_replays: " + records.values().stream().mapToInt(List::size).sum() + "\n";
        Files.createDirectories(report.getParent());
        Files.writeString(report, text);
        System.out.println(text);

        Set<String> sent = new HashSet<>();
        for (CrashDelivery delivery : deliveries) {
            String id = delivery.id();
            sent.add(id);
            assertFalse(delivery.answers().isEmpty(), () -> "delivery " + id + " was never answered");
            assertEquals(1, delivery.distinctAnswers().size(), () -> "delivery " + id + " got different answers");
            assertEquals(List.of(delivery.ticket()), tickets.get(id),
                    () -> "delivery " + id + ": one ticket, the one its answers name");
            assertEquals(List.of("done"), records.get(id), () -> "delivery " + id + ": one record, with its reply");
            assertTrue(delivery.freshAnswers() <= 1, () -> "delivery " + id + ": its handler's reply was sent "
                    + delivery.freshAnswers() + " times");
            if (delivery.point() == CrashPoint.DURING_HANDLER) {
                assertEquals(1, delivery.freshAnswers(), () -> "delivery " + id + " killed in its handler ran again");
            } else if (delivery.point() != null) {
                assertEquals(0, delivery.freshAnswers(), () -> "delivery " + id + " killed at " + delivery.point()
                        + " had committed: every answer is its stored reply");
            }
        }
        assertEquals(sent, tickets.keySet(), "no ticket of a delivery not sent");
        assertEquals(deliveries.size(), rows, "one row per delivery");
        for (CrashPoint point : CrashPoint.values()) {
            assertEquals(settings.killsPerPoint(), outcome.kills().getOrDefault(point, 0), () -> "kills at " + point);
        }
    }

    private static Map<String, List<String>> column(DataSource database, String query) throws SQLException {
        Map<String, List<String>> values = new TreeMap<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.computeIfAbsent(rows.getString(1), key -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return values;
    }
}
