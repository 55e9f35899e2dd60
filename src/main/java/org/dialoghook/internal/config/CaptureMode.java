package org.dialoghook.internal.config;

import java.util.Arrays;
import java.util.Optional;

/** What capture mode ({@code dialoghook.capture}) writes to the log about each delivery. */
public enum CaptureMode {

    /** Nothing. */
    OFF("off"),
    /** The token's header, the names and JSON types of its claims and of the body, and which settings fit. */
    SHAPE("shape"),
    /** As {@link #SHAPE}, and the values of the claims and of the body too. */
    FULL("full");

    private final String settingValue;

    CaptureMode(String settingValue) {
        this.settingValue = settingValue;
    }

    /**
     * The value as it is written in the setting.
     *
     * @return for example {@code shape}
     */
    public String settingValue() {
        return settingValue;
    }

    static Optional<CaptureMode> fromSetting(String value) {
        return Arrays.stream(values()).filter(mode -> mode.settingValue.equals(value)).findFirst();
    }
}
