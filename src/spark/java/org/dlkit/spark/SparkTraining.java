package org.dlkit.spark;

import org.dlkit.train.EpochRunner;
import org.dlkit.train.SparkSettings;

/**
 * The Spark part's entry point, found by {@link java.util.ServiceLoader} when {@code target/spark/dlkit-spark.jar} is on
 * the classpath: {@code dlkit train --spark MASTER} and {@code Classifier.Builder.epochRunner(settings.runner())}.
 */
public final class SparkTraining implements SparkSettings.Provider {

    @Override
    public EpochRunner runner(SparkSettings settings) {
        return new ParameterAveraging(settings);
    }
}
