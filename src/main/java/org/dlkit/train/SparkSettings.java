package org.dlkit.train;

import org.dlkit.error.DlkitException;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

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

    public SparkSettings {
        if (master == null || master.isBlank()) {
            throw new DlkitException("--spark needs a master: local[N] or spark://host:port");
        }
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

    /** What the optional Spark part provides (a {@link ServiceLoader} service). */
    public interface Provider {
        EpochRunner runner(SparkSettings settings);
    }

    /** The Spark part's runner for these settings; a {@link DlkitException} when the part is not built. */
    public EpochRunner runner() {
        Provider provider;
        try {
            provider = ServiceLoader.load(Provider.class).findFirst().orElseThrow(() -> new DlkitException(NOT_BUILT));
        } catch (ServiceConfigurationError e) {
            // classes left from a -Pspark build by a default one: the service entry names a provider no longer there
            throw new DlkitException(NOT_BUILT + "; a service entry names a missing class (" + e.getMessage()
                    + "): mvn clean first", e);
        }
        return provider.runner(this);
    }
}
