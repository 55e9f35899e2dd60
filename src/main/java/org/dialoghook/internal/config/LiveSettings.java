package org.dialoghook.internal.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The receiver's settings in force now: one immutable {@link ReceiverSettings} snapshot, first the one read at
 * deployment, then each change on the server that can be used, replaced whole. A delivery calls
 * {@link #current()} once and works from that snapshot to its end, so it never sees half of a change. A change
 * that cannot be used leaves the snapshot as it is and is kept here, for readiness to show, until it is fixed.
 */
@ApplicationScoped
public class LiveSettings {

    @Inject
    ReceiverExtension extension;

    private volatile ReceiverSettings current;
    private volatile String refusedChange;

    /** For CDI: the snapshot is the one the extension read at deployment. */
    protected LiveSettings() {
    }

    /**
     * Settings that start with a given snapshot, outside CDI.
     *
     * @param initial the snapshot in force at start
     */
    public LiveSettings(ReceiverSettings initial) {
        this.current = initial;
    }

    @PostConstruct
    void start() {
        current = extension.settings();
    }

    /**
     * The snapshot in force: read it once per delivery.
     *
     * @return the settings
     */
    public ReceiverSettings current() {
        return current;
    }

    /**
     * Why the last change read on the server was not applied, while it is not fixed.
     *
     * @return the setting and what is accepted, never a secret; empty when the settings read are in force
     */
    public Optional<String> refusedChange() {
        return Optional.ofNullable(refusedChange);
    }

    /**
     * Puts a new snapshot in force and forgets a refused change.
     *
     * @param settings the snapshot, complete and validated
     */
    void replace(ReceiverSettings settings) {
        current = settings;
        refusedChange = null;
    }

    /**
     * Keeps the snapshot in force and notes why a change was refused, or that none is.
     *
     * @param reason the setting and what is accepted; {@code null} when no change is refused
     */
    void refused(String reason) {
        refusedChange = reason;
    }
}
