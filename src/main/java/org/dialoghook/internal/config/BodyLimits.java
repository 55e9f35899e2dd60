package org.dialoghook.internal.config;

/**
 * Limits on the shape of a delivery body, each answered with 400 when broken (the size limit is
 * {@code dialoghook.max-body-bytes}, answered with 413).
 *
 * @param maxDepth how deeply objects and arrays may nest, the body itself being depth 1
 * @param maxFormValues how many members {@code formValues} may have
 * @param maxStringLength how many characters one string (a member name or a value) may have
 * @param maxHandlerNameLength how many characters the handler name may have
 * @param maxNumberLength how many characters one number may have
 * @param maxMembers how many members one object may have
 */
public record BodyLimits(int maxDepth, int maxFormValues, int maxStringLength, int maxHandlerNameLength,
        int maxNumberLength, int maxMembers) {

    /** The defaults of the settings. */
    public static final BodyLimits DEFAULTS = new BodyLimits(32, 500, 16_384, 128, 64, 1000);
}
