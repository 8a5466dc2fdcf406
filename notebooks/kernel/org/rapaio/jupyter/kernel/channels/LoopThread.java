package org.rapaio.jupyter.kernel.channels;

/**
 * Replacement for the rapaio Jupyter kernel 3.0.1's {@code LoopThread} (MIT licence), put ahead of the kernel's jar
 * on the class path by {@code bin/notebooks}. Same public API; one change: the loop is marked running
 * <em>before</em> the thread starts.
 *
 * <p>One of the two start-up races of 3.0.1 (the other is in Channels.connect): its {@code start()} calls {@code super.start()} and only then sets
 * {@code running = true}. When the new thread reaches {@code while (running)} first, it sees {@code false} and ends
 * at once. The kernel has three such loops (shell, control, heartbeat); when the shell loop ends that way, no request
 * is ever answered and the client waits for the kernel's first reply until it gives up.
 * Setting the flag first leaves nothing to race.
 */
public final class LoopThread extends Thread {

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true; // before the thread exists: its first check of the flag cannot come earlier
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
