package org.dialoghook.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveryIdsTest {

    @Test
    void plainJtiIsTheId() {
        assertEquals("5f1c-AZ_az.09:x", DeliveryIds.fromJti("5f1c-AZ_az.09:x"));
        String longest = "a".repeat(128);
        assertEquals(longest, DeliveryIds.fromJti(longest));
    }

    @Test
    void otherJtiIsHashed() {
        for (String jti : new String[] {"", "a b", "a\nb", "a/b", "ü", "a".repeat(129)}) {
            String id = DeliveryIds.fromJti(jti);
            assertTrue(id.startsWith("j-") && id.length() == 24, id);
            assertNotEquals(jti, id);
        }
    }

    @Test
    void tokenIsHashed() {
        String id = DeliveryIds.fromToken("eyJhbGciOiJIUzI1NiJ9.e30.sig");
        assertTrue(id.startsWith("t-") && id.length() == 24, id);
        assertEquals(id, DeliveryIds.fromToken("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
    }
}
