package org.dlkit.spark;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/** What is checked before a Spark context starts, so that each cause gives one clear line instead of a Spark trace. */
final class SparkPreflight {

    /** The JVM options Spark 3.1 needs on Java 17, on the driver and on every master, worker and executor. */
    static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED "
            + "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private SparkPreflight() {
    }

    /** Spark's storage code reflects into java.nio and sun.nio.ch: without the two --add-opens it fails at start. */
    static void checkAddOpens() {
        Module java = Object.class.getModule();
        Module us = SparkPreflight.class.getModule();
        if (!java.isOpen("java.nio", us) || !java.isOpen("sun.nio.ch", us)) {
            throw new DlkitException("Spark needs the JVM options " + ADD_OPENS + " on Java 17 (bin/dlkit passes "
                    + "them; add them to your own java or spark-submit command)");
        }
    }

    /** For {@code spark://host:port[,host:port]}: at least one master must accept a connection. */
    static void checkMasterReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String failure = null;
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new DlkitException("--spark " + master + ": expected spark://host:port, e.g. spark://127.0.0.1:7077");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                failure = hostPort + ": " + e.getMessage();
            }
        }
        throw new DlkitException("cannot reach the Spark master " + master + " (" + failure + "): is the master running "
                + "(org.apache.spark.deploy.master.Master, see docs/spark.md) and the address right?");
    }

    /** Every worker needs at least one full mini-batch of the training rows. */
    static void checkEnoughRows(int rows, int workers, int batch) {
        if ((long) workers * batch > rows) {
            throw new DlkitException(String.format("%d training rows are too few for %d workers with batches of %d "
                            + "rows (each worker needs a batch: at least %d rows): use fewer --workers or a smaller "
                            + "--batch-size-per-worker", rows, workers, batch, (long) workers * batch));
        }
    }
}
