package io.flashsale.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports and port probes on the loopback interface. */
public final class Ports {

    /** Where ports are chosen from, when the kernel's ephemeral range starts above it. */
    static final int LOWEST = 10_000;
    /** The kernel's usual first ephemeral port, when its range cannot be read. */
    static final int EPHEMERAL_DEFAULT = 32_768;
    private static final int ATTEMPTS = 200;
    /** Ports this JVM has handed out: never twice, even before the first one is bound. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port nobody listens on right now, chosen below the kernel's ephemeral range: a port from that range
     * (what binding to port 0 gives) can be taken as the local port of any outgoing connection in the seconds
     * between being chosen and being bound by a server that starts slowly, such as a broker, which then fails
     * with "Address already in use". Below the range only a listener can take it.
     */
    public static int free() {
        int high = Math.min(ephemeralStart(), 65_536);
        if (high - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, high);
                if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        return anyFree();
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port {@code p} such that {@code p} and {@code p + offset} are both free and below the ephemeral range:
     * for a server that also listens {@code offset} above its port (a Redis Cluster node's bus, +10000).
     */
    public static int freeWithCompanion(int offset) {
        int high = Math.min(ephemeralStart(), 65_536) - offset;
        if (high - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, high);
                int companion = port + offset;
                if (!HANDED_OUT.contains(port) && !HANDED_OUT.contains(companion) && bindable(port)
                        && bindable(companion) && HANDED_OUT.add(port)) {
                    if (HANDED_OUT.add(companion)) {
                        return port;
                    }
                    HANDED_OUT.remove(port);
                }
            }
        }
        throw new StackException("no free port " + offset + " below a free one under the ephemeral range");
    }

    /** The first port of the kernel's ephemeral range (Linux), or the usual one. */
    static int ephemeralStart() {
        // Read to the end: procfs files report a size of 0, and Files.readString trusts the size (it read "3").
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_DEFAULT;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port of the kernel's choosing (from its ephemeral range) that this JVM has not handed out before. */
    private static int anyFree() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new StackException("no free port: " + e.getMessage(), e);
            }
        }
        throw new StackException("no free port that this JVM has not handed out already");
    }
}
