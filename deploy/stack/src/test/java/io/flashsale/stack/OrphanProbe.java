package io.flashsale.stack;

import java.nio.file.Path;
import java.util.EnumSet;

/**
 * A JVM that starts Redis, prints its pid, and then waits to be killed, or, given {@code exit} as its
 * second argument, exits at once with status 1 without closing the stack, as a build whose test failed
 * does: see {@link ReaperTest}.
 */
public final class OrphanProbe {

    private OrphanProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedStack stack = EmbeddedStack.builder().dir(Path.of(args[0])).fresh(true)
                .pieces(EnumSet.of(EmbeddedStack.Piece.REDIS)).build().start();
        System.out.println("redis-pid " + stack.redis().pid());
        System.out.flush();
        if (args.length > 1 && args[1].equals("exit")) {
            System.exit(1);
        }
        Thread.currentThread().join();
    }
}
