package org.dlkit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.nd4j.evaluation.classification.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's promise, "drop down to DL4J at any time", as docs/dl4j.md shows it: the builder's configuration is
 * changed and trained by a plain {@link MultiLayerNetwork}; a dlkit-trained model restored with {@link ModelSerializer}
 * predicts what dlkit predicts; the trained network keeps training and fine-tuning in DL4J.
 */
class DropDownToDl4jTest {

    private static final double[][] ROWS = {{5.1, 3.5, 1.4, 0.2}, {6.4, 3.2, 4.5, 1.5}, {6.3, 3.3, 6.0, 2.5},
            {5.8, 2.7, 5.1, 1.9}};

    @TempDir
    Path dir;

    @Test
    void theBuildersConfigurationCanBeChangedAndTrainedByPlainDl4j() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        PreparedData data = PreparedData.of(iris, new PreparedData.Split(0.2, 0, 42), w -> { });
        MultiLayerConfiguration conf = Classifier.builder().hidden(16).seed(42).build()
                .configuration(data.numInputs(), iris.numClasses());
        DenseLayer hidden = (DenseLayer) conf.getConf(0).getLayer();
        hidden.setActivationFn(Activation.TANH.getActivationFunction());
        hidden.setIDropout(new Dropout(0.8));
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        assertInstanceOf(ActivationTanH.class, ((DenseLayer) net.getLayer(0).conf().getLayer()).getActivationFn());
        assertInstanceOf(Dropout.class, net.getLayer(0).conf().getLayer().getIDropout());
        double before = score(net, data.train());
        for (int epoch = 0; epoch < 200; epoch++) {
            net.fit(data.train());
        }
        assertTrue(score(net, data.train()) < before / 4, "plain DL4J trains the changed configuration: " + before
                + " -> " + score(net, data.train()));
        Evaluation evaluation = new Evaluation(iris.numClasses());
        evaluation.eval(data.test().getLabels(), net.output(data.test().getFeatures()));
        assertTrue(evaluation.accuracy() >= 0.9, evaluation.stats());
        assertEquals(conf.toJson(), MultiLayerConfiguration.fromJson(conf.toJson()).toJson(), "round-trips as JSON");
    }

    @Test
    void aSavedModelRestoredByModelSerializerPredictsWhatDlkitPredicts() throws Exception {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        TrainedClassifier model = Classifier.builder().hidden(8).epochs(30).seed(3).build().fit(iris);
        Path saved = dir.resolve("iris");
        model.save(saved, false);

        java.io.File zip = saved.resolve("model.zip").toFile();
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip);
        DataNormalization normaliser = ModelSerializer.restoreNormalizerFromFile(zip);
        INDArray x = Nd4j.create(ROWS).castTo(net.getLayerWiseConfigurations().getDataType());
        normaliser.transform(x);
        double[][] dl4j = net.output(x, false).castTo(DataType.DOUBLE).toDoubleMatrix();

        double[][] dlkit = model.predictProbabilities(ROWS);
        double[][] reloaded = TrainedClassifier.load(saved).predictProbabilities(ROWS);
        for (int r = 0; r < ROWS.length; r++) {
            assertArrayEquals(dlkit[r], dl4j[r], 0.0, "row " + r);
            assertArrayEquals(dlkit[r], reloaded[r], 0.0, "row " + r);
        }
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                model.info().featureNames(), "the inputs' order, as docs/dl4j.md tells");
        double[] byName = model.predictProbabilities(Map.of("petal_width", 0.2, "sepal_length", 5.1,
                "petal_length", 1.4, "sepal_width", 3.5));
        assertArrayEquals(dlkit[0], byName, 1e-6);
    }

    @Test
    void aDlkitTrainedNetworkKeepsTrainingAndFineTuningInDl4j() {
        LabelledData iris = LabelledData.fromCsv(Path.of("datasets/iris.csv"), "species");
        TrainedClassifier model = Classifier.builder().hidden(8).epochs(5).seed(5).build().fit(iris);
        MultiLayerNetwork net = model.network();
        INDArray x = Nd4j.create(ROWS).castTo(DataType.FLOAT);
        model.normalizer().transform(x);
        DataSet batch = new DataSet(x, Nd4j.create(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}}));

        MultiLayerNetwork tuned = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Sgd(0.05)).dropOut(0.9).build())
                .build();
        INDArray paramsBefore = tuned.params().dup();
        tuned.fit(batch);
        assertFalse(paramsBefore.equals(tuned.params()), "the fine-tuned copy trains");
        assertInstanceOf(Sgd.class, ((org.deeplearning4j.nn.conf.layers.BaseLayer) tuned.getLayer(0).conf().getLayer())
                .getIUpdater());

        double before = score(net, batch);
        for (int i = 0; i < 50; i++) {
            net.fit(batch);
        }
        assertTrue(score(net, batch) < before, "DL4J's fit continues dlkit's training: " + before + " -> "
                + score(net, batch));
    }

    private static double score(MultiLayerNetwork net, DataSet data) {
        return net.score(data, false);
    }
}
