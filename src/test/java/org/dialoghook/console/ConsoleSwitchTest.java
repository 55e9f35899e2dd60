package org.dialoghook.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.dialoghook.internal.LogCapture;
import org.junit.jupiter.api.Test;

class ConsoleSwitchTest {

    @Test
    void aConsoleThatIsOnSaysSoWithAWarningAtStart() {
        ConsoleSwitch console = new ConsoleSwitch();
        console.on = true;
        try (LogCapture log = LogCapture.of(ConsoleSwitch.class)) {
            console.announce(new Object());
            assertEquals(1, log.records().size());
            assertEquals(Level.WARNING, log.last().getLevel());
            assertTrue(log.last().getMessage().startsWith("DH-0800 "), log.last().getMessage());
        }
        assertTrue(console.isOn());
    }

    @Test
    void aConsoleThatIsOffSaysNothing() {
        ConsoleSwitch console = new ConsoleSwitch();
        try (LogCapture log = LogCapture.of(ConsoleSwitch.class)) {
            console.announce(new Object());
            assertTrue(log.records().isEmpty());
        }
    }
}
