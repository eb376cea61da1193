package io.flashsale.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the system tests find the checkout (the services' packaged jars, the dashboard, the manifests) and
 * where they write (the shared pipeline's data, the bench's output, the fault report).
 */
final class Repository {

    private Repository() {
    }

    /**
     * The checkout: {@code flashsale.home}, which the build sets; run outside the build, the nearest
     * directory above the working one that holds {@code ./flashsale} and the parent pom.
     */
    static Path root() {
        String home = System.getProperty("flashsale.home");
        if (home != null) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("flashsale")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no flashsale checkout at or above " + start + "; set -Dflashsale.home");
    }

    /** This module's build directory: {@code flashsale.system-tests.target}, which the build sets. */
    static Path target() {
        String target = System.getProperty("flashsale.system-tests.target");
        return target != null ? Path.of(target).toAbsolutePath().normalize()
                : root().resolve("system-tests").resolve("target");
    }
}
