package org.dlkit.spark;

import ch.qos.logback.classic.Level;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.dlkit.data.EpochIterator;
import org.dlkit.error.DlkitException;
import org.dlkit.error.JvmShutdown;
import org.dlkit.logging.QuietLogging;
import org.dlkit.train.EpochRunner;
import org.dlkit.train.SparkSettings;
import org.dlkit.train.TrainingObserver;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * One training run on Spark: the context, the {@link SparkDl4jMultiLayer} around the driver's network, and the epochs.
 * Each epoch takes the rows in the order the local fit loop would use for that epoch, cuts them into mini-batches
 * of the per-worker batch size, and hands them to DL4J's parameter averaging ({@link RDDTrainingApproach#Direct}: the
 * batches travel inside the RDD, so no shared file system is needed).
 */
final class SparkRun implements EpochRunner.Session {

    /** How long a standalone cluster's executors may take to register. */
    private static final long EXECUTOR_WAIT_MS = 180_000;

    private final JavaSparkContext context;
    private final SparkDl4jMultiLayer sparkNet;
    private final EpochSeededAveraging averaging;
    private final MultiLayerNetwork net;
    private final EpochIterator batches;
    private final TrainingObserver observer;
    private final Faults faults = new Faults();
    private final int batch;
    private final String master;

    private SparkRun(JavaSparkContext context, SparkDl4jMultiLayer sparkNet, EpochSeededAveraging averaging,
                     MultiLayerNetwork net, EpochIterator batches, TrainingObserver observer, int batch,
                     String master) {
        this.context = context;
        this.sparkNet = sparkNet;
        this.averaging = averaging;
        this.net = net;
        this.batches = batches;
        this.observer = observer;
        this.batch = batch;
        this.master = master;
        context.sc().addSparkListener(faults);
    }

    static SparkRun start(SparkSettings settings, MultiLayerNetwork net, EpochIterator batches,
                          TrainingObserver observer) {
        SparkPreflight.checkAddOpens();
        quietLogs();
        SparkPreflight.checkMasterReachable(settings.master());
        int rows = batches.order().length;
        int batch = settings.batchSizePerWorker() > 0 ? settings.batchSizePerWorker() : batches.batch();
        if (settings.workers() > 0) {
            SparkPreflight.checkEnoughRows(rows, settings.workers(), batch);
        }
        JavaSparkContext context = context(settings.master());
        try {
            awaitExecutors(context, settings);
            int workers = settings.workers() > 0 ? settings.workers() : context.defaultParallelism();
            SparkPreflight.checkEnoughRows(rows, workers, batch);
            EpochSeededAveraging master = new EpochSeededAveraging(
                    new ParameterAveragingTrainingMaster.Builder(workers, batch)
                            .batchSizePerWorker(batch)
                            .averagingFrequency(settings.averagingFrequency())
                            .saveUpdater(true)
                            .rddTrainingApproach(RDDTrainingApproach.Direct),
                    net.getLayerWiseConfigurations().getConf(0).getSeed());
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(context, net, master);
            int perRound = workers * batch * settings.averagingFrequency();
            observer.note(String.format(Locale.ROOT,
                    "Spark %s (Spark %s, %s): %d workers x batches of %d rows, parameters "
                            + "averaged every %d batches: %d averaging round%s per epoch", settings.master(),
                    context.version(), context.sc().applicationId(), workers, batch, settings.averagingFrequency(),
                    (rows + perRound - 1) / perRound, rows <= perRound ? "" : "s"));
            return new SparkRun(context, sparkNet, master, net, batches, observer, batch, settings.master());
        } catch (RuntimeException e) {
            context.stop();
            throw e;
        }
    }

    @Override
    public double runEpoch() {
        int epoch = net.getEpochCount();
        batches.startEpoch(epoch);
        DataSet rows = batches.next(Integer.MAX_VALUE);
        List<DataSet> miniBatches = rows.batchBy(batch);
        averaging.startEpoch(epoch);
        JavaRDD<DataSet> rdd = null;
        try {
            rdd = context.parallelize(miniBatches, Math.max(1, context.defaultParallelism()));
            sparkNet.fit(rdd);
        } catch (Exception e) { // SparkException is checked but thrown undeclared; a context stopped between two
            // epochs gives an IllegalStateException. Ctrl-C: Spark's own shutdown hook stopped the context under this
            // epoch. That is not a failed training: dlkit's hook says what is left to resume, and the JVM halts once
            // the hooks are done. Reporting a failure would add a second, wrong line, and would remove a partial run
            // without checkpoint that the first line offers to resume.
            if (context.sc().isStopped() && JvmShutdown.inProgress()) {
                JvmShutdown.awaitHalt();
            }
            throw new DlkitException(String.format(Locale.ROOT,
                    "training on Spark %s failed in epoch %d: %s", master, epoch + 1,
                    firstLine(e)), e);
        } finally {
            if (rdd != null && !context.sc().isStopped()) {
                rdd.unpersist(false);
            }
        }
        MultiLayerNetwork trained = sparkNet.getNetwork();
        if (trained != net) {
            net.setParams(trained.params());
            net.getUpdater().setStateViewArray(net, trained.getUpdater().getStateViewArray(), false);
        }
        net.getLayerWiseConfigurations().setEpochCount(epoch); // the Trainer counts the epochs
        String recovered = faults.sinceLastReport(epoch + 1);
        if (recovered != null) {
            observer.note(recovered);
        }
        return net.score(rows, false);
    }

    @Override
    public void close() {
        context.sc().removeSparkListener(faults);
        context.stop();
    }

    private static JavaSparkContext context(String master) {
        SparkConf conf = new SparkConf().setAppName("dlkit train").setMaster(master);
        String executorOptions = conf.get("spark.executor.extraJavaOptions", "");
        if (!executorOptions.contains("java.base/sun.nio.ch=")) {
            conf.set("spark.executor.extraJavaOptions", (executorOptions + " " + SparkPreflight.ADD_OPENS).trim());
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("spark://") && !conf.contains("spark.executor.extraClassPath")
                && !conf.contains("spark.jars")) {
            // not started by spark-submit with --jars: the executors load dlkit and its libraries from the paths
            // this driver uses (one machine, or dlkit installed at the same path on every worker)
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        String threads = System.getenv("OMP_NUM_THREADS");
        if (threads != null) {
            conf.setExecutorEnv("OMP_NUM_THREADS", threads);
        }
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) { // Scala throws SparkException, a checked exception, without declaring it
            throw new DlkitException("--spark " + master + ": Spark did not start: " + firstLine(e), e);
        }
    }

    /** On a cluster, executors register after the context starts: wait for as many as there will be workers. */
    private static void awaitExecutors(JavaSparkContext context, SparkSettings settings) {
        if (!settings.master().startsWith("spark://")) {
            return;
        }
        int wanted = Math.max(1, settings.workers());
        long deadline = System.currentTimeMillis() + EXECUTOR_WAIT_MS;
        int seen = executors(context);
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            int now = executors(context);
            if (now != seen) {
                seen = now;
                stableSince = System.currentTimeMillis();
            }
            // enough, and (when the number of workers is Spark's choice) no newcomer for two seconds
            if (seen >= wanted && (settings.workers() > 0 || System.currentTimeMillis() - stableSince > 2_000)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DlkitException("interrupted while waiting for Spark executors");
            }
        }
        throw new DlkitException(String.format(Locale.ROOT,
                "only %d of %d Spark executors registered with %s within %d s: are "
                        + "the workers running, with a free core and enough memory for an executor?", seen, wanted,
                settings.master(), EXECUTOR_WAIT_MS / 1000));
    }

    /** Executors registered with the driver (the driver itself excluded). */
    private static int executors(JavaSparkContext context) {
        return context.sc().getExecutorMemoryStatus().size() - 1;
    }

    /**
     * Spark and Hadoop log INFO, WARN and ERROR lines by the dozen, stack traces included, for what dlkit reports in
     * one line (a master that does not answer, a lost executor, a failed job); dlkit shows them only with --verbose.
     */
    private static void quietLogs() {
        if (!"WARN".equals(System.getProperty(QuietLogging.LEVEL_PROPERTY))) {
            return;
        }
        for (String name : List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop",
                "org.deeplearning4j.spark", "org.apache.parquet")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(Level.OFF);
            }
        }
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
