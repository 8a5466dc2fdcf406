package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.error.DlkitException;
import org.dlkit.train.SparkSettings;
import picocli.CommandLine.Option;

/** dlkit train's options for data-parallel training on Apache Spark (the optional Spark part). */
final class SparkOptions {

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train data-parallel on Apache Spark: local[N] (N worker threads in this JVM) or "
                    + "spark://host:7077 (a standalone cluster). Each worker fits its own mini-batches on a copy of "
                    + "the network; the copies' parameters are averaged every --averaging-frequency batches. Same "
                    + "split, normalisation and model directory as training on one machine. Needs the Spark part: "
                    + "mvn -Pspark -DskipTests package.")
    String master;

    @Option(names = "--averaging-frequency", paramLabel = "BATCHES",
            description = "With --spark: mini-batches each worker trains on between two averagings of the parameters "
                    + "(default: " + SparkSettings.DEFAULT_AVERAGING_FREQUENCY + "). 1 averages after every batch: "
                    + "closest to one machine's gradient descent, most network traffic; higher values let the copies "
                    + "drift apart, so the average of far-apart copies can be worse than each (slower convergence).")
    Integer averagingFrequency;

    @Option(names = "--workers", paramLabel = "N",
            description = "With --spark: how many workers the rows are split over (default: Spark's default "
                    + "parallelism: N of local[N]; on a cluster its cores, but at least 2). One update of the averaged network "
                    + "sees N x batch-size-per-worker rows, like one mini-batch that many times larger.")
    Integer workers;

    @Option(names = "--batch-size-per-worker", paramLabel = "N",
            description = "With --spark: rows of each worker's mini-batch (default: --batch-size). The course's "
                    + "mini-batch trade-off holds per worker: smaller is noisier and cheaper per update.")
    Integer batchSizePerWorker;

    /** {@code builder}, training on Spark when --spark is given. */
    Classifier.Builder apply(Classifier.Builder builder) {
        if (master == null) {
            String stray = averagingFrequency != null ? "--averaging-frequency" : workers != null ? "--workers"
                    : batchSizePerWorker != null ? "--batch-size-per-worker" : null;
            if (stray != null) {
                throw new DlkitException(stray + " needs --spark MASTER");
            }
            return builder;
        }
        SparkSettings settings = new SparkSettings(master,
                averagingFrequency == null ? SparkSettings.DEFAULT_AVERAGING_FREQUENCY : averagingFrequency,
                workers == null ? 0 : OptionErrors.positive("--workers", workers),
                batchSizePerWorker == null ? 0 : OptionErrors.positive("--batch-size-per-worker", batchSizePerWorker));
        return builder.epochRunner(settings.runner());
    }
}
