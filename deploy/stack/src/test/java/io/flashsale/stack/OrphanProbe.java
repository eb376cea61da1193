package io.flashsale.stack;

import java.nio.file.Path;
import java.util.EnumSet;

/** A JVM that starts Redis, prints its pid, and waits to be killed: see {@link ReaperTest}. */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedStack stack = EmbeddedStack.builder().dir(Path.of(args[0])).fresh(true)
                .pieces(EnumSet.of(EmbeddedStack.Piece.REDIS)).build().start();
        System.out.println("redis-pid " + stack.redis().pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
