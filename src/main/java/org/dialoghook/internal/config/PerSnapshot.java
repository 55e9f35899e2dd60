package org.dialoghook.internal.config;

import java.util.function.Function;

/**
 * What is built from one settings snapshot (token verifiers, capture mode's checks), kept until a delivery brings
 * another snapshot: then it is built once more from that one. A delivery always gets what was built from the
 * snapshot it holds, so it never mixes two snapshots; between changes it costs one reference comparison.
 *
 * @param <T> what is built
 */
public final class PerSnapshot<T> {

    private final Function<ReceiverSettings, T> build;
    private volatile Built<T> built;

    /** What was built, and from which snapshot. */
    private record Built<T>(ReceiverSettings source, T value) {
    }

    /**
     * Creates the holder.
     *
     * @param build makes the value from a snapshot; may run more than once for one snapshot when deliveries race
     */
    public PerSnapshot(Function<ReceiverSettings, T> build) {
        this.build = build;
    }

    /**
     * The value built from a snapshot.
     *
     * @param settings the snapshot a delivery holds
     * @return the value built from exactly that snapshot
     */
    public T of(ReceiverSettings settings) {
        Built<T> current = built;
        if (current == null || current.source() != settings) {
            current = new Built<>(settings, build.apply(settings));
            built = current;
        }
        return current.value();
    }
}
