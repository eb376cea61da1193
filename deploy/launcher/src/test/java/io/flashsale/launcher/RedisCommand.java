package io.flashsale.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One Redis command over a plain socket, for tests that tamper with Redis behind the services' backs. */
final class RedisCommand {

    private RedisCommand() {
    }

    /** Sends the command and returns the first line of the reply (e.g. ":1", "+OK", "-ERR ..."). */
    static String run(int port, String... args) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
