package org.dialoghook.internal.config;

import java.util.Arrays;
import java.util.Optional;

/** How a delivery's token must vouch for the body it came with (setting {@code dialoghook.body-binding}). */
public enum BodyBindingMode {

    /** Check every binding the claims carry: a body-hash claim, and body fields; neither means signature only. */
    AUTO("auto"),
    /** The claims must carry the body-hash claim and it must match the raw body. */
    HASH("hash"),
    /** The claims must carry the handler field, and handler and form values must equal the body's. */
    CLAIMS("claims"),
    /** Only the signature and time claims are checked. */
    SIGNATURE_ONLY("signature-only");

    private final String settingValue;

    BodyBindingMode(String settingValue) {
        this.settingValue = settingValue;
    }

    /**
     * The value as it is written in the setting.
     *
     * @return for example {@code signature-only}
     */
    public String settingValue() {
        return settingValue;
    }

    static Optional<BodyBindingMode> fromSetting(String value) {
        return Arrays.stream(values()).filter(mode -> mode.settingValue.equals(value)).findFirst();
    }
}
