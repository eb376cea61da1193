package io.flashsale.tools.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running {@code ./flashsale up} left for {@code status}, {@code down}, {@code token}, {@code simulate}
 * and {@code soak}.
 */
public final class StateFile {

    private StateFile() {
    }

    public static Path of(Path dataDir) {
        return dataDir.resolve("flashsale.state");
    }

    public static void write(Path file, Properties state) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            state.store(out, "written by ./flashsale up; deleted when it stops");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The state of a {@code ./flashsale up} process (its {@code launcher.pid}) that is still alive, if any. */
    public static Optional<Properties> live(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            state.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid = Long.parseLong(state.getProperty("launcher.pid", "-1"));
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> state);
    }
}
