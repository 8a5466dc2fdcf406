package org.dlkit.train;

import org.dlkit.error.DlkitException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data-parallel training on Apache Spark with parameter averaging, as the optional Spark part does it (build it with
 * {@code mvn -Pspark -DskipTests package}): each of {@code workers} workers takes its own mini-batches of
 * {@code batchSizePerWorker} rows and runs {@code averagingFrequency} updates on its copy of the network; then the
 * copies' parameters (and Adam's moments) are averaged into one network, which every worker continues from.
 *
 * @param master             where Spark runs: {@code local[N]} (N threads in this JVM) or {@code spark://host:port}
 * @param averagingFrequency mini-batches each worker trains on between two averagings (1: after every batch)
 * @param workers            workers the rows are split over; 0: Spark's default parallelism (its cores)
 * @param batchSizePerWorker rows of each worker's mini-batch; 0: the gradient-descent batch size
 */
public record SparkSettings(String master, int averagingFrequency, int workers, int batchSizePerWorker) {

    /** DL4J's own default: average after every 5 mini-batches of each worker. */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    /** The one line shown when the Spark part is not on the classpath. */
    public static final String NOT_BUILT = "the Spark part is not built: run `mvn -Pspark -DskipTests package` "
            + "(bin/dlkit then adds it to the classpath)";

    /** Spark's own forms of a local master: {@code local}, {@code local[N]}, {@code local[*]}, with max failures. */
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:\\s*,\\s*(\\d+))?\\])?");

    public SparkSettings {
        if (master == null || master.isBlank()) {
            throw new DlkitException("--spark needs a master: local[N] or spark://host:port");
        }
        checkMaster(master);
        if (averagingFrequency <= 0) {
            throw new DlkitException("--averaging-frequency " + averagingFrequency
                    + " is invalid; expected a positive number of mini-batches");
        }
        if (workers < 0) {
            throw new DlkitException("--workers " + workers + " is invalid; expected a positive integer");
        }
        if (batchSizePerWorker < 0) {
            throw new DlkitException("--batch-size-per-worker " + batchSizePerWorker
                    + " is invalid; expected a positive integer");
        }
    }

    /**
     * The master's form, checked before any data is read: what Spark itself would refuse with an exception deep in
     * its start-up ({@code Could not parse Master URL}, {@code Asked to run locally with 0 threads}, a port out of
     * range). The Spark part has the local and standalone schedulers only (no YARN, Kubernetes or Mesos module).
     */
    private static void checkMaster(String master) {
        String expected = "expected local[N] (N >= 1 worker threads in this JVM, or * for one per core) or "
                + "spark://host:port (a standalone master, e.g. spark://127.0.0.1:7077)";
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String threads = local.group(1);
            if (threads != null && !"*".equals(threads) && (threads.length() > 6 || Integer.parseInt(threads) == 0)) {
                throw new DlkitException("--spark " + master + ": " + threads + " worker threads; " + expected);
            }
            return;
        }
        if (!master.startsWith("spark://")) {
            throw new DlkitException("--spark " + master + ": " + expected
                    + (master.matches("(?i)(yarn|k8s://|mesos://).*") ? "; dlkit's Spark part has no YARN, Kubernetes "
                    + "or Mesos scheduler: submit to a standalone master" : ""));
        }
        for (String hostPort : master.substring("spark://".length()).split(",", -1)) {
            URI uri;
            try {
                uri = new URI("spark://" + hostPort);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65_535
                    || uri.getPath() != null && !uri.getPath().isEmpty() || uri.getUserInfo() != null) {
                throw new DlkitException("--spark " + master + ": '" + hostPort + "' is not host:port with a port "
                        + "from 1 to 65535; " + expected);
            }
        }
    }

    /**
     * Why the Spark part is not on the class path: not built, or built beside {@code dlkitJar} (its
     * {@code spark/dlkit-spark.jar}) but this JVM was started without it, e.g. by {@code java -jar target/dlkit.jar}.
     */
    static String missingPart(Path dlkitJar) {
        if (dlkitJar != null && Files.isRegularFile(dlkitJar)) {
            Path part = dlkitJar.resolveSibling("spark").resolve("dlkit-spark.jar");
            if (Files.isRegularFile(part)) {
                return "the Spark part is built (" + part + ") but not on this JVM's class path: run bin/dlkit, which "
                        + "adds it, its libraries (" + part.resolveSibling("classpath.txt") + ") and the --add-opens "
                        + "options Spark needs on Java 17";
            }
        }
        return NOT_BUILT;
    }

    /** The jar (or classes folder) this class was loaded from; null when unknown. */
    private static Path codeSource() {
        try {
            return Path.of(SparkSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (RuntimeException | URISyntaxException e) {
            return null;
        }
    }

    /** What the optional Spark part provides (a {@link ServiceLoader} service). */
    public interface Provider {
        EpochRunner runner(SparkSettings settings);
    }

    /** The Spark part's runner for these settings; a {@link DlkitException} when the part is not built. */
    public EpochRunner runner() {
        Provider provider;
        try {
            provider = ServiceLoader.load(Provider.class).findFirst()
                    .orElseThrow(() -> new DlkitException(missingPart(codeSource())));
        } catch (ServiceConfigurationError e) {
            // classes left from a -Pspark build by a default one: the service entry names a provider no longer there
            throw new DlkitException(NOT_BUILT + "; a service entry names a missing class (" + e.getMessage()
                    + "): mvn clean first", e);
        }
        return provider.runner(this);
    }
}
