package org.dialoghook.it.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.dialoghook.AsyncWebhookHandler;
import org.dialoghook.HandlerName;
import org.dialoghook.Reply;
import org.dialoghook.ResponseBuilder;
import org.dialoghook.WebhookRequest;

/**
 * What the tests ask of the database, as an asynchronous handler (so it runs in no transaction of the receiver's):
 * {@code action=setup} creates {@code it_ledger}; {@code action=count&of=<delivery id>} replies the delivery's rows in
 * {@code it_ledger}, its records in the replay table and how often its handler started; {@code action=hide&millis=n}
 * renames the replay table away for {@code n} ms.
 */
@ApplicationScoped
@HandlerName("ledger-admin")
public class LedgerAdminHandler implements AsyncWebhookHandler {

    private static final String REPLAYS = "dialoghook_replays";

    @Inject
    Ledger ledger;

    @Override
    public CompletionStage<Reply> handle(WebhookRequest request) throws SQLException {
        String action = request.formValue("action").orElse("");
        ResponseBuilder reply = new ResponseBuilder();
        switch (action) {
            case "setup" -> {
                ledger.execute("CREATE TABLE IF NOT EXISTS it_ledger (delivery_id VARCHAR(255) NOT NULL, "
                        + "writer VARCHAR(20) NOT NULL)");
                reply.pushText("ready");
            }
            case "count" -> {
                String of = request.formValue("of").orElseThrow();
                reply.pushText("counted").setAttribute("rows", ledger.count("it_ledger", "delivery_id", of))
                        .setAttribute("records", ledger.count(REPLAYS, "replay_key", "%|" + of + "|%"))
                        .setAttribute("attempts", ledger.attempts(of));
            }
            case "hide" -> {
                long millis = Long.parseLong(request.formValue("millis").orElse("5000"));
                ledger.execute("ALTER TABLE " + REPLAYS + " RENAME TO " + REPLAYS + "_hidden");
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
                    try {
                        ledger.execute("ALTER TABLE " + REPLAYS + "_hidden RENAME TO " + REPLAYS);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                reply.pushText("hidden");
            }
            default -> throw new IllegalArgumentException("no action " + action);
        }
        return CompletableFuture.completedFuture(reply.build());
    }
}
