package io.flashsale.tools;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every command is given: the project checkout it runs in (where the service jars are built, and
 * what relative paths are resolved against) and where it prints.
 */
public record Context(Path home, PrintStream out) {

    /** The checkout {@code ./flashsale} passes as {@code flashsale.home}, printing to the console. */
    static Context ofSystem() {
        return new Context(Path.of(System.getProperty("flashsale.home", ".")).toAbsolutePath().normalize(),
                System.out);
    }

    /** {@code --data-dir}, the data and logs of {@code ./flashsale up} ({@code .flashsale} by default). */
    public Path dataDir(Args args) {
        return home.resolve(args.string("data-dir", ".flashsale")).toAbsolutePath().normalize();
    }
}
