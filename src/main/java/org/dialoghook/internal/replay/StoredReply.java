package org.dialoghook.internal.replay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The reply a delivery got, kept to answer its redeliveries: status, media type and body bytes. It travels
 * through a data grid as plain bytes ({@link #toBytes()}), so no application class has to be loaded there.
 *
 * @param status the HTTP status
 * @param mediaType the reply's media type
 * @param body the reply body
 */
public record StoredReply(int status, String mediaType, byte[] body) {

    /**
     * The reply as bytes.
     *
     * @return the encoded reply
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(status);
            out.writeUTF(mediaType);
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a reply written by {@link #toBytes()}.
     *
     * @param bytes the encoded reply
     * @return the reply
     */
    public static StoredReply fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int status = in.readInt();
            String mediaType = in.readUTF();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new StoredReply(status, mediaType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "StoredReply[status=" + status + ", " + body.length + " bytes]";
    }
}
