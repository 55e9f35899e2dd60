package org.dialoghook.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.dialoghook.internal.LogCapture;
import org.junit.jupiter.api.Test;

class ReplayBatchingSettingTest {

    @Test
    void batchingIsOnUnlessTurnedOff() {
        assertTrue(ReplayBatchingSetting.parse(Optional.empty()));
        assertTrue(ReplayBatchingSetting.parse(Optional.of(" TRUE ")));
        assertFalse(ReplayBatchingSetting.parse(Optional.of("false")));
    }

    @Test
    void aValueThatIsNeitherIsWarnedAboutAndLeavesBatchingOn() {
        try (LogCapture log = LogCapture.of(ReplayBatchingSetting.class)) {
            assertTrue(ReplayBatchingSetting.parse(Optional.of("sometimes")));
            assertEquals(1, log.records().stream().filter(r -> r.getMessage().startsWith("DH-0642")).count());
        }
    }
}
