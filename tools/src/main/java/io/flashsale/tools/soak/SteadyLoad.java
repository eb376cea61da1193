package io.flashsale.tools.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.flashsale.tools.pipeline.PipelineClient;
import io.flashsale.tools.pipeline.Tally;

/**
 * A steady stream of orders at a target rate, from users drawn at random from a pool (so that
 * per-user limits are exercised), until stopped. Each worker paces itself to its share of the rate
 * and never sends faster, so an outage slows nothing down but the answers.
 */
public final class SteadyLoad implements AutoCloseable {

    private final PipelineClient client;
    private final String saleId;
    private final int userPool;
    private final long intervalNanos;
    private final Tally tally = new Tally(1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();

    private SteadyLoad(PipelineClient client, String saleId, int workers, int ratePerSecond, int userPool) {
        this.client = client;
        this.saleId = saleId;
        this.userPool = userPool;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) * workers / ratePerSecond;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::work, "steady-load-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
        }
    }

    /** Starts {@code workers} threads sending {@code ratePerSecond} orders a second in all. */
    public static SteadyLoad start(PipelineClient client, String saleId, int workers, int ratePerSecond, int userPool) {
        SteadyLoad load = new SteadyLoad(client, saleId, workers, ratePerSecond, userPool);
        load.workers.forEach(Thread::start);
        return load;
    }

    private void work() {
        long next = System.nanoTime();
        while (running.get()) {
            String user = "user-" + ThreadLocalRandom.current().nextInt(userPool);
            tally.record(user, client.order(saleId, user, 1));
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    /** The sale its orders go to. */
    public String saleId() {
        return saleId;
    }

    /** What the clients have been told so far. */
    public Tally tally() {
        return tally;
    }

    /** Stops sending, waits for the requests in flight, and returns the tally. */
    public Tally stop() throws InterruptedException {
        running.set(false);
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        return tally;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
