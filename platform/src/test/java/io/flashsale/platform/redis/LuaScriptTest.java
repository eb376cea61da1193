package io.flashsale.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What can be checked without Redis: the SHA Redis will name the script by, and the NOSCRIPT test. */
class LuaScriptTest {

    @Test
    void itsShaIsTheSha1OfItsSourceAsRedisComputesIt() {
        // redis-cli SCRIPT LOAD "return 1" answers e0e1f9fabfc9d4800c877a703b823ac0578ff8db.
        assertEquals("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", LuaScript.fromResource("lua/return-one.lua").sha());
    }

    @Test
    void noScriptIsFoundHoweverTheClientWrapsIt() {
        RuntimeException wrapped = new RuntimeException("call failed",
                new IllegalStateException("NOSCRIPT No matching script. Please use EVAL."));
        assertTrue(LuaScript.isNoScript(wrapped));
        assertTrue(LuaScript.isNoScript(new RuntimeException("ERR [0] NOSCRIPT No matching script. Please use EVAL.")),
                "a batch names the reply that failed");
        assertFalse(LuaScript.isNoScript(new RuntimeException("ERR Error running script: NOSCRIPT in a message")));
        assertFalse(LuaScript.isNoScript(new RuntimeException((String) null)));
    }

    @Test
    void aScriptNotOnTheClassPathIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LuaScript.fromResource("lua/none.lua"));
        assertTrue(e.getMessage().contains("lua/none.lua"), e.getMessage());
    }
}
