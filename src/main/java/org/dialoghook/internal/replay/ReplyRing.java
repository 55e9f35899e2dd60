package org.dialoghook.internal.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The finished deliveries of the in-memory replay store: each one's key, expiry and reply written one after the
 * other into a ring of large byte chunks, and found again through an open-addressing index of primitive arrays.
 *
 * <p>The chunks are allocated as the ring first fills and then reused for the store's whole life; a new record
 * overwrites the oldest. So a busy server's replay store is a few dozen long-lived arrays, not several small
 * objects per delivery for the collector to copy while they are young. Records leave oldest first: when the ring
 * holds {@code capacity} records, when its bytes are used up, or, a few at a time, once they have expired.
 *
 * <p>Not thread-safe on its own: {@link MemoryReplayStore} calls it under its lock.
 */
final class ReplyRing {

    /** Record header: length, expiry, key hash, key length. */
    private static final int HEADER = Integer.BYTES + Long.BYTES + Integer.BYTES + Short.BYTES;
    /** A record's length field that says the rest of its chunk is unused. */
    private static final int END_OF_CHUNK = -1;
    private static final int EXPIRY_STEPS = 8;

    private final int capacity;
    private final int chunkBytes;
    private final ByteBuffer[] chunks;
    private final long ringBytes;
    private final long[] slots;
    private final int[] hashes;
    private final int mask;
    private final int shift;

    /** The address the next record is written at; addresses only grow, a chunk is {@code address % ringBytes}. */
    private long head;
    /** The address of the oldest record. */
    private long tail;
    private int records;
    private long leftEarly;

    /**
     * Creates an empty ring; its chunks are allocated as it fills.
     *
     * @param capacity the most records kept at once
     * @param chunkBytes the size of one chunk, and so of the largest record
     * @param maxChunks the most chunks
     */
    ReplyRing(int capacity, int chunkBytes, int maxChunks) {
        this.capacity = capacity;
        this.chunkBytes = chunkBytes;
        this.chunks = new ByteBuffer[maxChunks];
        this.ringBytes = (long) chunkBytes * maxChunks;
        int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        this.slots = new long[tableSize];
        this.hashes = new int[tableSize];
        this.mask = tableSize - 1;
        this.shift = Integer.numberOfLeadingZeros(tableSize) + 1;
    }

    /** What {@link #find} saw of a key. */
    enum Seen { NEVER, EXPIRED }

    /**
     * Looks up a delivery's reply.
     *
     * @param key the delivery's key
     * @param now the current time in milliseconds
     * @return the reply while its record is current, {@link Seen#EXPIRED} when its record is there but expired,
     *         else {@link Seen#NEVER}
     */
    Object find(byte[] key, long now) {
        int slot = slotOf(key, hash(key));
        if (slot < 0) {
            return Seen.NEVER;
        }
        long address = slots[slot] - 1;
        ByteBuffer chunk = chunkAt(address);
        int at = offset(address);
        if (chunk.getLong(at + Integer.BYTES) <= now) {
            return Seen.EXPIRED;
        }
        return readReply(chunk, at + HEADER + key.length);
    }

    /**
     * Keeps a delivery's reply, replacing an earlier record of the same key.
     *
     * @param key the delivery's key
     * @param reply its reply
     * @param expiresAt when the record expires, in milliseconds
     * @param now the current time in milliseconds
     * @return false when the record is larger than a chunk and was not kept
     */
    boolean put(byte[] key, StoredReply reply, long expiresAt, long now) {
        byte[] mediaType = reply.mediaType().getBytes(StandardCharsets.UTF_8);
        long length = (long) HEADER + key.length + Integer.BYTES + Short.BYTES + mediaType.length + Integer.BYTES
                + reply.body().length;
        if (length > chunkBytes || key.length > Short.MAX_VALUE || mediaType.length > Short.MAX_VALUE) {
            return false;
        }
        dropExpired(now);
        if (offset(head) + length > chunkBytes) {
            makeRoom(chunkBytes - offset(head), now);
            if (offset(head) + Integer.BYTES <= chunkBytes) {
                chunkAt(head).putInt(offset(head), END_OF_CHUNK);
            }
            head += chunkBytes - offset(head);
        }
        makeRoom(length, now);
        int hash = hash(key);
        ByteBuffer chunk = chunkAt(head);
        int at = offset(head);
        chunk.putInt(at, (int) length).putLong(at + Integer.BYTES, expiresAt).putInt(at + Integer.BYTES + Long.BYTES, hash)
                .putShort(at + Integer.BYTES + Long.BYTES + Integer.BYTES, (short) key.length)
                .put(at + HEADER, key);
        int next = at + HEADER + key.length;
        chunk.putInt(next, reply.status()).putShort(next + Integer.BYTES, (short) mediaType.length)
                .put(next + Integer.BYTES + Short.BYTES, mediaType);
        next += Integer.BYTES + Short.BYTES + mediaType.length;
        chunk.putInt(next, reply.body().length).put(next + Integer.BYTES, reply.body());
        index(key, hash, head);
        head += length;
        records++;
        return true;
    }

    /**
     * How many records left before their expiry to make room, since the ring was made.
     *
     * @return the count
     */
    long leftEarly() {
        return leftEarly;
    }

    /** Removes the oldest records until {@code length} more bytes and one more record fit. */
    private void makeRoom(long length, long now) {
        while (records > 0 && (records >= capacity || head + length - tail > ringBytes)) {
            if (evictOldest() > now) {
                leftEarly++;
            }
        }
        if (records == 0) {
            tail = head;
        }
    }

    /** Removes up to a few expired records from the old end, so that they stop counting against the capacity. */
    private void dropExpired(long now) {
        for (int step = 0; step < EXPIRY_STEPS && records > 0; step++) {
            skipChunkEnd();
            if (chunkAt(tail).getLong(offset(tail) + Integer.BYTES) > now) {
                return;
            }
            evictOldest();
        }
    }

    /** Removes the oldest record and its index entry, and returns when it would have expired. */
    private long evictOldest() {
        skipChunkEnd();
        ByteBuffer chunk = chunkAt(tail);
        int at = offset(tail);
        int length = chunk.getInt(at);
        long expiresAt = chunk.getLong(at + Integer.BYTES);
        int hash = chunk.getInt(at + Integer.BYTES + Long.BYTES);
        for (int slot = home(hash); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (slots[slot] - 1 == tail) {
                unindex(slot);
                break;
            }
        }
        tail += length;
        records--;
        return expiresAt;
    }

    /** Moves the old end past the unused end of its chunk, if it is there. */
    private void skipChunkEnd() {
        int at = offset(tail);
        if (at + HEADER > chunkBytes || chunkAt(tail).getInt(at) == END_OF_CHUNK) {
            tail += chunkBytes - at;
        }
    }

    private int slotOf(byte[] key, int hash) {
        for (int slot = home(hash); slots[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && sameKey(slots[slot] - 1, key)) {
                return slot;
            }
        }
        return -1;
    }

    private void index(byte[] key, int hash, long address) {
        int slot = home(hash);
        while (slots[slot] != 0 && !(hashes[slot] == hash && sameKey(slots[slot] - 1, key))) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = address + 1;
        hashes[slot] = hash;
    }

    /** Empties a slot, moving later entries of its probe run back so that every entry stays reachable. */
    private void unindex(int emptied) {
        int hole = emptied;
        for (int slot = (hole + 1) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int home = home(hashes[slot]);
            boolean reachable = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
            if (!reachable) {
                slots[hole] = slots[slot];
                hashes[hole] = hashes[slot];
                hole = slot;
            }
        }
        slots[hole] = 0;
    }

    private boolean sameKey(long address, byte[] key) {
        ByteBuffer chunk = chunkAt(address);
        int at = offset(address);
        int length = chunk.getShort(at + Integer.BYTES + Long.BYTES + Integer.BYTES);
        return length == key.length && Arrays.equals(chunk.array(), at + HEADER, at + HEADER + length, key, 0, length);
    }

    private static StoredReply readReply(ByteBuffer chunk, int at) {
        int status = chunk.getInt(at);
        byte[] mediaType = new byte[chunk.getShort(at + Integer.BYTES)];
        chunk.get(at + Integer.BYTES + Short.BYTES, mediaType);
        int bodyAt = at + Integer.BYTES + Short.BYTES + mediaType.length;
        byte[] body = new byte[chunk.getInt(bodyAt)];
        chunk.get(bodyAt + Integer.BYTES, body);
        return new StoredReply(status, new String(mediaType, StandardCharsets.UTF_8), body);
    }

    private ByteBuffer chunkAt(long address) {
        int index = (int) ((address % ringBytes) / chunkBytes);
        ByteBuffer chunk = chunks[index];
        if (chunk == null) {
            chunk = ByteBuffer.allocate(chunkBytes);
            chunks[index] = chunk;
        }
        return chunk;
    }

    private int offset(long address) {
        return (int) (address % chunkBytes);
    }

    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private static int hash(byte[] key) {
        return Arrays.hashCode(key);
    }
}
