package io.flashsale.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    /** The range as the kernel states it; once, the whole file was read as "3" and every port came from it. */
    @Test
    void theEphemeralRangeIsReadWhole() throws Exception {
        Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(file), "no procfs here");
        String first;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            first = reader.readLine().trim().split("\\s+")[0];
        }
        assertEquals(Integer.parseInt(first), Ports.ephemeralStart());
        assertTrue(Ports.ephemeralStart() - Ports.LOWEST >= 1_000, "this machine's range leaves room below it");
    }

    @Test
    void aPortWithACompanionTenThousandAboveHasBothFree() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = Ports.freeWithCompanion(10_000);
            assertTrue(port + 10_000 < Ports.ephemeralStart(), () -> port + " + 10000 is in the ephemeral range");
            for (int p : new int[] {port, port + 10_000}) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress("127.0.0.1", p));
                }
            }
        }
    }

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
            assertTrue(port >= Ports.LOWEST && port < ephemeral,
                    port + " is outside [" + Ports.LOWEST + ", " + ephemeral + ")");
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
    }
}
