package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeDistinctAndBindable() throws Exception {
        int ephemeral = Ports.ephemeralStart();
        Set<Integer> ports = new HashSet<>();
        java.util.List<Integer> twice = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int port = Ports.free();
            if (!ports.add(port)) {
                twice.add(port);
            }
        }

        assertEquals(java.util.List.of(), twice, () -> "handed out twice, of " + ports);
        for (int port : ports) {
            assertTrue(ephemeral - Ports.LOWEST < 1_000 || (port >= Ports.LOWEST && port < ephemeral),
                    port + " is outside [" + Ports.LOWEST + ", " + ephemeral + ")");
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
    }
}
