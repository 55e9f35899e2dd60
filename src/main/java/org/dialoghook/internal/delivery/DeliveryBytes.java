package org.dialoghook.internal.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads a delivery's raw body once, within the size limit ({@code dialoghook.max-body-bytes}). */
public final class DeliveryBytes {

    private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    private DeliveryBytes() {
    }

    /**
     * Reads the whole body.
     *
     * @param body the request's body
     * @param declaredLength the {@code Content-Length}, or -1 when the request has none
     * @param maxBytes the largest body accepted
     * @return the body's bytes
     * @throws DeliveryRefusedException {@link ProblemKind#BODY_TOO_LARGE} when the body is larger than the limit
     * @throws IOException when the body cannot be read
     */
    public static byte[] read(InputStream body, int declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(body, maxBytes);
        }
        byte[] raw = declaredLength >= 0 ? readDeclared(body, declaredLength, maxBytes) : body.readNBytes(maxBytes + 1);
        if (raw.length > maxBytes) {
            throw tooLarge(body, maxBytes);
        }
        return raw;
    }

    /**
     * The body of the Content-Length read into an array of that size: reading up to the limit would go through
     * an 8 KiB buffer and a copy for every delivery. Should the stream hold more than it declared, the rest is
     * read up to one byte past the limit, as without a Content-Length.
     */
    private static byte[] readDeclared(InputStream body, int length, int maxBytes) throws IOException {
        byte[] raw = new byte[length];
        int read = body.readNBytes(raw, 0, length);
        if (read < length) {
            return Arrays.copyOf(raw, read);
        }
        int more = body.read();
        if (more == -1) {
            return raw;
        }
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.write(raw);
        longer.write(more);
        longer.write(body.readNBytes(maxBytes - length));
        return longer.toByteArray();
    }

    /**
     * The 413 refusal. A bounded part of the rest of the body is read and dropped first, so that a client that
     * sends the whole body before reading the answer gets it; the connection is closed after it.
     */
    private static DeliveryRefusedException tooLarge(InputStream body, int maxBytes) throws IOException {
        byte[] sink = new byte[8192];
        long dropped = 0;
        for (int read = 0; read != -1 && dropped < DISCARD_LIMIT; read = body.read(sink)) {
            dropped += read;
        }
        return new DeliveryRefusedException(ProblemKind.BODY_TOO_LARGE,
                "The body is larger than the limit of " + maxBytes + " bytes.");
    }
}
