package org.dialoghook.internal.http;

import org.dialoghook.internal.replay.StoredReply;

/**
 * The claim that a delivery's transaction began with found the reply of an earlier run: the transaction is rolled
 * back, the handler does not run, and the delivery is answered with that reply.
 */
final class EarlierReplyFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient StoredReply reply;

    EarlierReplyFound(StoredReply reply) {
        super("answered by an earlier run", null, false, false);
        this.reply = reply;
    }

    StoredReply reply() {
        return reply;
    }
}
