package org.dlkit.spark;

import org.apache.spark.SecurityManager;
import org.apache.spark.SecurityManager$;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcEnv$;
import org.dlkit.error.DlkitException;
import scala.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;

/** What is checked before a Spark context starts, so that each cause gives one clear line instead of a Spark trace. */
final class SparkPreflight {

    /** The JVM options Spark 3.1 needs on Java 17, on the driver and on every master, worker and executor. */
    static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED "
            + "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    /** How long a master that accepted the connection may take to answer Spark's endpoint lookup. */
    private static final int ANSWER_TIMEOUT_S = 10;

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
            URI uri = URI.create("spark://" + hostPort); // host:port, as SparkSettings checked it
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                failure = hostPort + ": " + e.getMessage();
                continue;
            }
            failure = null;
            break;
        }
        if (failure != null) {
            throw new DlkitException("cannot reach the Spark master " + master + " (" + failure + "): is the master "
                    + "running (org.apache.spark.deploy.master.Master, see docs/spark.md) and the address right?");
        }
        checkMasterAnswers(master);
    }

    /**
     * Something accepts connections there: is it a Spark master? Asked through Spark's own RPC whether the endpoint
     * {@code Master} lives there, with a {@value #ANSWER_TIMEOUT_S} s limit. Without this, a port that is not a Spark
     * 3.1 master's (another service, a worker's port, a proxy) costs Spark's registration 3 × 20 s, ERROR lines and a
     * failure about a MetricsSystem.
     */
    private static void checkMasterAnswers(String master) {
        SparkConf conf = new SparkConf().set("spark.rpc.lookupTimeout", ANSWER_TIMEOUT_S + "s");
        RpcEnv rpc = RpcEnv$.MODULE$.create("dlkitPreflight", "127.0.0.1", 0, conf,
                new SecurityManager(conf, Option.empty(), SecurityManager$.MODULE$.$lessinit$greater$default$3()),
                true);
        String failure = null;
        try {
            for (String hostPort : master.substring("spark://".length()).split(",")) {
                try {
                    rpc.setupEndpointRefByURI("spark://Master@" + hostPort);
                    return;
                } catch (Exception e) { // Scala's RpcTimeoutException, RpcEndpointNotFoundException, ...
                    failure = hostPort + ": " + SparkRun.firstLine(e);
                }
            }
        } finally {
            rpc.shutdown();
        }
        throw new DlkitException("no Spark master answered at " + master + " within " + ANSWER_TIMEOUT_S + " s ("
                + failure + "): the port accepts connections but is not a Spark 3.1 master's (7077 by default; "
                + "its web UI is 8080)");
    }

    /** Every worker needs at least one full mini-batch of the training rows; a batch of all of them cannot be shared. */
    static void checkEnoughRows(int rows, int workers, int batch) {
        if (workers > 1 && batch >= rows) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "batch gradient descent takes all %d training rows in one batch, "
                    + "which %d workers cannot share: on Spark each worker trains on batches of its own rows; use "
                    + "mini-batch gradient descent (--batch-size-per-worker N) or --workers 1", rows, workers));
        }
        if ((long) workers * batch > rows) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%d training rows are too few for %d workers with batches of %d "
                            + "rows (each worker needs a batch: at least %d rows): use fewer --workers or a smaller "
                            + "--batch-size-per-worker", rows, workers, batch, (long) workers * batch));
        }
    }
}
