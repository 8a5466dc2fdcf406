package org.dlkit.spark;

import org.dlkit.train.SparkSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The runner's description, which train prints and metadata.json keeps: every option given that shapes the run. */
class SparkSettingsRecordedTest {

    @Test
    void workersAndBatchPerWorkerAreRecordedWhenGiven() {
        assertEquals("data-parallel on Spark local[2], parameters averaged every 5 batches",
                new ParameterAveraging(new SparkSettings("local[2]", 5, 0, 0)).toString());
        assertEquals("data-parallel on Spark local[2] (3 workers, batches of 16 rows per worker), parameters "
                + "averaged every 1 batch", new ParameterAveraging(new SparkSettings("local[2]", 1, 3, 16)).toString());
        assertEquals("data-parallel on Spark local[2] (4 workers), parameters averaged every 5 batches",
                new ParameterAveraging(new SparkSettings("local[2]", 5, 4, 0)).toString());
        assertEquals("data-parallel on Spark local[2] (batches of 8 rows per worker), parameters averaged every 5 "
                + "batches", new ParameterAveraging(new SparkSettings("local[2]", 5, 0, 8)).toString());
    }
}
