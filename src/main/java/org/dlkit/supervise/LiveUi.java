package org.dlkit.supervise;

import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dlkit.error.DlkitException;

import java.util.concurrent.CountDownLatch;

/**
 * DL4J's training UI ({@code VertxUIServer}) with an in-memory stats storage; {@link #listener()} is the
 * {@link StatsListener} to attach while training. Open {@link #url()} in a browser.
 *
 * <p>Binding: DL4J 1.0.0-M2.1 offers no option for the address; its Vert.x server listens on all interfaces
 * (0.0.0.0) at the port given. Only this class refers to the UI's classes, so they load only when the UI is used.
 */
public final class LiveUi {

    private final StatsStorage storage = new InMemoryStatsStorage();
    private final VertxUIServer server;

    private LiveUi(VertxUIServer server) {
        this.server = server;
        server.attach(storage);
    }

    /**
     * Starts the UI server on {@code port}, or on any free port for 0 ({@link #port()} says which), once per JVM
     * (DL4J's server is a singleton). DL4J's start returns once Vert.x listens, so the port is known then.
     */
    public static LiveUi start(int port) {
        if (port < 0 || port > 65535) {
            throw new DlkitException("UI port " + port + " is invalid; expected 1-65535, or 0 for any free port");
        }
        try {
            return new LiveUi(VertxUIServer.getInstance(port, false, null));
        } catch (RuntimeException e) {
            throw new DlkitException("the training UI cannot listen on port " + port + " (" + firstLine(e)
                    + "); choose another with --ui-port, or --ui-port 0 for any free port", e);
        }
    }

    /** The port the UI listens on (the one chosen when started with 0). */
    public int port() {
        return server.getPort();
    }

    /** Collects the scores, parameter and update statistics the UI shows, every iteration. */
    public TrainingListener listener() {
        return new StatsListener(storage);
    }

    /** The overview page. */
    public String url() {
        return "http://localhost:" + port() + "/train/overview";
    }

    /** Blocks until the JVM shuts down (Ctrl-C); DL4J's shutdown hook then stops the server. */
    public void awaitShutdown() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(latch::countDown));
        latch.await();
    }

    /** Stops the server. */
    public void stop() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        return m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m;
    }
}
