package org.dialoghook.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackClientsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1",
        "0:0:0:0:0:0:0:1%0", "::1%lo"})
    void addressesOfThisMachineAreLoopback(String address) {
        assertTrue(LoopbackClients.includes(address), address);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"10.0.0.7", "192.168.1.20", "::2", "fe80::1", "0.0.0.0", "::", "::ffff:10.0.0.1",
        "localhost", "127.0.0.1.example.com", "evil.example", "127.0.0.1 ", "1270.0.0.1"})
    void otherAddressesAndNamesAreNot(String address) {
        assertFalse(LoopbackClients.includes(address), String.valueOf(address));
    }
}
