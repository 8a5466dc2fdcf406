package org.dlkit.engine;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dlkit.Classifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --engine auto}: dlkit's engine for the default MLP, DL4J for each case it cannot take, with the reason. */
class EngineChoiceTest {

    private static MultiLayerNetwork defaultMlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(Classifier.builder().hidden(512, 256).build().configuration(784, 10));
        net.init();
        return net;
    }

    private static EngineChoice auto(MultiLayerNetwork net, List<TrainingListener> listeners, boolean runner,
                                     boolean gpu) {
        EngineChoice pending = EngineChoice.decide(null, false, null);
        assertSame(EngineChoice.AUTO, pending, "no --engine is auto");
        assertTrue(pending.pending() && !pending.dlkit());
        return pending.resolve(net, listeners, runner, gpu);
    }

    @Test
    void theDefaultMlpTrainsOnDlkitsEngine() {
        EngineChoice choice = auto(defaultMlp(), List.of(), false, false);
        assertTrue(choice.dlkit() && !choice.cuda() && !choice.pending(), choice.toString());
        assertTrue(choice.line().startsWith("engine dlkit on the CPU (auto: "), choice.line());
    }

    @Test
    void theLiveUiKeepsDl4j() {
        EngineChoice choice = auto(defaultMlp(), List.of(new StatsListener(new InMemoryStatsStorage())), false, false);
        assertFalse(choice.dlkit());
        assertEquals("engine DL4J (auto: the live UI listens to DL4J's fit loop)", choice.line());
    }

    @Test
    void userListenersKeepDl4j() {
        EngineChoice choice = auto(defaultMlp(), List.of(new ScoreIterationListener(1)), false, false);
        assertFalse(choice.dlkit());
        assertTrue(choice.line().contains("auto: DL4J listeners were added (ScoreIterationListener)"), choice.line());
    }

    @Test
    void anEpochRunnerKeepsDl4j() {
        EngineChoice choice = auto(defaultMlp(), List.of(), true, false);
        assertFalse(choice.dlkit());
        assertTrue(choice.line().contains("auto: a Spark epoch runner computes the epochs"), choice.line());
    }

    @Test
    void nd4jOnTheGpuKeepsDl4j() {
        EngineChoice choice = auto(defaultMlp(), List.of(), false, true);
        assertFalse(choice.dlkit());
        assertTrue(choice.line().contains("auto: ND4J runs on the GPU"), choice.line());
    }

    @Test
    void aDoubleNetworkKeepsDl4j() {
        MultiLayerNetwork net = network(DataType.DOUBLE, new Adam(1e-3), Activation.RELU);
        EngineChoice choice = auto(net, List.of(), false, false);
        assertFalse(choice.dlkit());
        assertTrue(choice.line().contains("auto: the network is in DOUBLE"), choice.line());
    }

    @Test
    void anUnsupportedUpdaterOrActivationKeepsDl4jNamingThePart() {
        EngineChoice nesterovs = auto(network(DataType.FLOAT, new Nesterovs(0.1, 0.9), Activation.RELU), List.of(),
                false, false);
        assertFalse(nesterovs.dlkit());
        assertTrue(nesterovs.line().contains("auto: updater Nesterovs") && !nesterovs.line().contains("supported:"),
                nesterovs.line());
        EngineChoice cube = auto(network(DataType.FLOAT, new Adam(1e-3), Activation.CUBE), List.of(), false, false);
        assertFalse(cube.dlkit());
        assertTrue(cube.line().contains("layer 0 (DenseLayer): activation"), cube.line());
    }

    @Test
    void explicitEnginesAreKept() {
        MultiLayerNetwork net = defaultMlp();
        List<TrainingListener> ui = List.of(new StatsListener(new InMemoryStatsStorage()));
        assertSame(EngineChoice.DL4J, EngineChoice.decide(EngineChoice.Engine.DL4J, false, null).resolve(net, List.of(),
                false, false));
        EngineChoice dlkit = EngineChoice.decide(EngineChoice.Engine.DLKIT, false, null);
        assertSame(dlkit, dlkit.resolve(net, ui, false, false), "--engine dlkit is forced");
        assertTrue(dlkit.dlkit());
    }

    private static MultiLayerNetwork network(DataType type, org.nd4j.linalg.learning.config.IUpdater updater,
                                             Activation hidden) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(type)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(hidden).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }
}
