package org.dlkit.spark;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.data.EpochIterator;
import org.dlkit.train.EpochRunner;
import org.dlkit.train.SparkSettings;
import org.dlkit.train.TrainingObserver;

import java.util.Locale;

/**
 * Data-parallel training with parameter averaging (DL4J's {@code ParameterAveragingTrainingMaster}). With W workers,
 * mini-batches of B rows per worker and averaging every F batches, one round is: every worker starts from the same
 * parameters θ, runs F updates on its own F·B rows, giving θ_w; the driver then sets θ ← (1/W)·Σ_w θ_w (and averages
 * Adam's moment estimates the same way). An epoch is ⌈rows / (W·B·F)⌉ rounds. F = 1 equals synchronous mini-batch
 * gradient descent on batches of W·B rows only for plain SGD; with larger F the copies drift apart between averagings.
 */
final class ParameterAveraging implements EpochRunner {

    private final SparkSettings settings;

    ParameterAveraging(SparkSettings settings) {
        this.settings = settings;
    }

    @Override
    public Session start(MultiLayerNetwork net, EpochIterator batches, TrainingObserver observer) {
        return SparkRun.start(settings, net, batches, observer);
    }

    @Override
    public String toString() {
        // recorded in metadata.json's settings: the options that shape the run, as given (0: Spark's or --batch-size)
        String workers = settings.workers() > 0 ? settings.workers() + " workers" : null;
        String batch = settings.batchSizePerWorker() > 0 ? "batches of " + settings.batchSizePerWorker()
                + " rows per worker" : null;
        String shape = workers == null && batch == null ? ""
                : " (" + (workers == null ? batch : batch == null ? workers : workers + ", " + batch) + ")";
        return String.format(Locale.ROOT,
                "data-parallel on Spark %s%s, parameters averaged every %d batch%s", settings.master(),
                shape, settings.averagingFrequency(), settings.averagingFrequency() == 1 ? "" : "es");
    }
}
