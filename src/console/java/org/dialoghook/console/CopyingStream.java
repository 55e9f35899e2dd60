package org.dialoghook.console;

import java.io.ByteArrayOutputStream;

/** The bytes a request or reply carried, as far as the console keeps them: up to {@value #LIMIT}. */
final class CopyingStream {

    /** The most bytes of one body the history keeps. */
    static final int LIMIT = 256 * 1024;

    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    void write(int b) {
        if (copy.size() < LIMIT) {
            copy.write(b);
        }
    }

    void write(byte[] bytes, int offset, int length) {
        int room = LIMIT - copy.size();
        if (room > 0 && length > 0) {
            copy.write(bytes, offset, Math.min(room, length));
        }
    }

    byte[] bytes() {
        return copy.toByteArray();
    }
}
