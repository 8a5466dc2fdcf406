package org.dlkit;

import org.dlkit.data.LabelledData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code Classifier.configuration(...)} prints (and {@code explain} shows) is what trains: the trained network's
 * DL4J configuration JSON equals the printed one (activation, weight init, updater and its rate, seed, loss, layer
 * sizes), whichever engine trains it. Only what training itself fills in differs: the epoch and iteration counters and
 * the parameter names DL4J records once the network is initialised.
 */
class PrintedConfigurationTest {

    private static final LabelledData IRIS = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");

    private static String comparable(String json) {
        return json.replaceAll("\"(epochCount|iterationCount)\" : \\d+", "")
                .replaceAll("\"variables\" : \\[[^]]*]", "");
    }

    private static void printedIsTrained(Classifier.Builder builder) {
        Classifier classifier = builder.hidden(5, 4).epochs(2).build();
        String printed = classifier.configuration(4, 3).toJson();
        TrainedClassifier model = classifier.fit(IRIS);
        String trained = model.network().getLayerWiseConfigurations().toJson();
        assertTrue(trained.contains("\"variables\" : [ \"W\", \"b\" ]"), "the comparison sees an initialised network");
        assertEquals(comparable(printed), comparable(trained));
    }

    @Test
    void sgdWithTanhAndGlorotUniformTrainsAsPrinted() {   // adam and sgd train on dlkit's engine
        printedIsTrained(Classifier.builder().activation("tanh").weightInit("glorot_uniform").updater("sgd")
                .learningRate(0.05).seed(7));
    }

    @Test
    void rmspropWithSeluTrainsAsPrinted() {   // the other updaters train on DL4J's fit loop
        printedIsTrained(Classifier.builder().activation("selu").updater("RMSprop").learningRate(0.01).seed(3));
    }

    @Test
    void adamWithLeakyReluHeUniformAndL2TrainsAsPrinted() {
        printedIsTrained(Classifier.builder().activation("LeakyReLU").weightInit("he_uniform").l2(1e-4).seed(11));
    }
}
