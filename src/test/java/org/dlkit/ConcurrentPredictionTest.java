package org.dlkit;

import org.dlkit.data.LabelledData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One {@link TrainedClassifier} shared by the request threads of a web service: every thread gets exactly the answers
 * one thread gets, for raw rows ({@code predict(Map)}) and for network inputs ({@code predictProbabilities}).
 */
class ConcurrentPredictionTest {

    private static final Path IRIS = Path.of("datasets/iris.csv");
    private static final int THREADS = 6;
    private static final int ROUNDS = 40;

    @Test
    void threadsSharingAModelGetTheAnswersOfOneThread() throws Exception {
        TrainedClassifier model = Classifier.builder().hidden(16).epochs(5).seed(3).build()
                .fit(LabelledData.fromCsv(IRIS, "species"));
        double[][] x = irisFeatures();
        double[][] expected = model.predictProbabilities(x);
        List<String> expectedClasses = new ArrayList<>();
        for (double[] row : x) {
            expectedClasses.add(model.predict(asRow(row)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    int checked = 0;
                    for (int k = 0; k < ROUNDS; k++) {
                        int i = (k * 7 + thread * 13) % x.length;
                        assertArrayEquals(expected[i], model.predictProbabilities(new double[][] {x[i]})[0], 0.0);
                        assertEquals(expectedClasses.get(i), model.predict(asRow(x[i])), "row " + i);
                        double[][] all = model.predictProbabilities(x);
                        for (int r = 0; r < x.length; r++) {
                            assertArrayEquals(expected[r], all[r], 0.0, "row " + r + " of a whole-table call");
                        }
                        checked++;
                    }
                    return checked;
                };
                results.add(pool.submit(work));
            }
            int checked = 0;
            for (Future<Integer> f : results) {
                checked += f.get();   // an assertion failure in a thread is rethrown here
            }
            assertEquals(THREADS * ROUNDS, checked);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> asRow(double[] v) {
        return Map.of("sepal_length", v[0], "sepal_width", v[1], "petal_length", v[2], "petal_width", v[3]);
    }

    private static double[][] irisFeatures() throws IOException {
        List<String> lines = Files.readAllLines(IRIS);
        double[][] x = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            x[i - 1] = new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[1]),
                    Double.parseDouble(cells[2]), Double.parseDouble(cells[3])};
        }
        return x;
    }
}
