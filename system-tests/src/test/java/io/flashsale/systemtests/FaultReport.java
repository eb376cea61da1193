package io.flashsale.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.flashsale.tools.pipeline.Invariants;
import io.flashsale.tools.pipeline.Tally;

/** The figures of each fault test, as a Markdown row in system-tests/target/fault-report.md, for docs/reliability.md. */
final class FaultReport {

    private static final Path FILE = Repository.target().resolve("fault-report.md");
    private static boolean started;

    private FaultReport() {
    }

    static synchronized void record(String test, Tally tally, Invariants invariants) {
        String row = String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %s |%n", test, tally.requests(),
                tally.count("accepted"), invariants.persistedOrders(), invariants.lost(), invariants.duplicates(),
                Math.max(0, invariants.maxUnitsPerUser()), invariants.drift(), tally.counts());
        try {
            if (!started) {
                started = true;
                Files.writeString(FILE, "| test | requests | 202 | persisted | lost | duplicates | max units/user"
                        + " | drift | outcomes |\n|---|---|---|---|---|---|---|---|---|\n");
            }
            Files.writeString(FILE, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + FILE, e);
        }
        System.out.print(row);
    }
}
