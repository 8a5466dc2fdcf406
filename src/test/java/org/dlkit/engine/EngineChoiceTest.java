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
import org.dlkit.backend.Backend;
import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Backends;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Assumptions;
import org.dlkit.backend.Selection;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    // ---- --backend auto with a GPU: the decision, pure (EngineGpu says what was found) ----------------------------

    private static final String H200 = "NVIDIA H200";

    @Test
    void aGpuTheEnginesDeviceOpensOnTrainsThereWithNd4jOnTheCpu() {
        EngineChoice choice = EngineChoice.AUTO.withGpu(EngineGpu.usable(H200))
                .resolve(defaultMlp(), List.of(), false, false);
        assertTrue(choice.dlkit() && choice.cuda() && !choice.pending(), choice.toString());
        assertEquals("engine dlkit on CUDA (auto: a GPU dlkit's engine can use: NVIDIA H200; ND4J prepares data and "
                + "evaluates on the CPU)", choice.line());
        assertEquals(EngineChoice.RECORDED_CUDA, choice.recorded());
    }

    @Test
    void aGpuWhoseDeviceRefusesLeavesTheEngineOnTheCpuSayingWhy() {
        String why = "dlkit's engine needs Java 22+ to use it (this is Java 17): run with a JDK 22+, "
                + "e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bin/dlkit ...";
        EngineChoice choice = EngineChoice.AUTO.withGpu(EngineGpu.refused(H200, why))
                .resolve(defaultMlp(), List.of(), false, false);
        assertTrue(choice.dlkit() && !choice.cuda(), choice.toString());
        assertEquals("engine dlkit on the CPU (auto: dlkit's engine trains this network; ND4J prepares data and "
                + "evaluates; a GPU is here (NVIDIA H200), but " + why + ")", choice.line());
        assertEquals("dlkit-cpu", choice.recorded());
    }

    @Test
    void withoutAGpuTheLineIsTodays() {
        for (EngineGpu none : List.of(EngineGpu.NONE, EngineGpu.OFF)) {
            EngineChoice choice = EngineChoice.AUTO.withGpu(none).resolve(defaultMlp(), List.of(), false, false);
            assertTrue(choice.dlkit() && !choice.cuda(), choice.toString());
            assertEquals("engine dlkit on the CPU (auto: dlkit's engine trains this network; ND4J prepares data and "
                    + "evaluates)", choice.line());
        }
    }

    /**
     * A network the engine does not train goes to DL4J on the CPU with today's line, even beside a usable GPU; and
     * {@link EngineChoice#settle} does not look for a GPU for it (pure here: nothing is probed).
     */
    @Test
    void aNetworkTheEngineDoesNotTrainGoesToDl4jOnTheCpuDespiteTheGpu() {
        MultiLayerNetwork net = network(DataType.FLOAT, new Nesterovs(0.1, 0.9), Activation.RELU);
        EngineChoice today = EngineChoice.AUTO.withGpu(EngineGpu.NONE).resolve(net, List.of(), false, false);
        EngineChoice nesterovs = EngineChoice.AUTO.withGpu(EngineGpu.usable(H200)).resolve(net, List.of(), false,
                false);
        assertFalse(nesterovs.dlkit() || nesterovs.cuda(), nesterovs.toString());
        assertTrue(nesterovs.line().startsWith("engine DL4J (auto: updater Nesterovs"), nesterovs.line());
        assertEquals(today, nesterovs);
        Selection nd4jOnTheCpu = new Selection(BackendChoice.AUTO, Backend.CPU, "ND4J's CUDA build cannot run here");
        assertEquals(today, EngineChoice.AUTO.settle(nd4jOnTheCpu, net, List.of(), false));
        EngineChoice ui = EngineChoice.AUTO.settle(nd4jOnTheCpu, defaultMlp(),
                List.of(new StatsListener(new InMemoryStatsStorage())), false);
        assertEquals("engine DL4J (auto: the live UI listens to DL4J's fit loop)", ui.line());
        assertEquals("dl4j", ui.recorded());
    }

    @Test
    void backendCpuNeverLooksForAGpuNorDoesACudaNd4j() {
        EngineChoice cpu = EngineChoice.select(EngineChoice.Engine.AUTO, BackendChoice.CPU);
        assertTrue(cpu.pending());
        assertEquals(EngineGpu.OFF, cpu.gpu(), "--backend cpu: the CPU always");
        assertSame(cpu, cpu.lookForGpu(new Selection(BackendChoice.CPU, Backend.CPU, "asked for")));
        // the Java API's default (AUTO) after Backends.start(CPU), or with ND4J itself on a GPU: nothing is opened
        assertEquals(EngineGpu.NONE, EngineChoice.AUTO.lookForGpu(new Selection(BackendChoice.CPU, Backend.CPU,
                "asked for")).gpu());
        assertEquals(EngineGpu.NONE, EngineChoice.AUTO.lookForGpu(new Selection(BackendChoice.AUTO, Backend.CUDA,
                "GPU 0 NVIDIA A100")).gpu());
        EngineChoice forced = EngineChoice.decide(EngineChoice.Engine.DLKIT, false, null);
        assertSame(forced, forced.lookForGpu(new Selection(BackendChoice.AUTO, Backend.CPU, "no driver")));
    }

    @Test
    void aResumedRunKeepsTheDeviceItsCheckpointRecorded() {
        assertEquals(EngineGpu.REQUIRED, EngineChoice.AUTO.resumedOn(Optional.of("dlkit-cuda")).gpu());
        assertEquals(EngineGpu.OFF, EngineChoice.AUTO.resumedOn(Optional.of("dlkit-cpu")).gpu());
        assertEquals(EngineGpu.OFF, EngineChoice.AUTO.resumedOn(Optional.of("dl4j")).gpu());
        assertEquals(EngineGpu.OFF, EngineChoice.AUTO.resumedOn(Optional.empty()).gpu(), "runs that recorded nothing "
                + "trained on the CPU under auto");
        // --backend cpu on the resume wins; explicit engines are kept as they are
        EngineChoice cpu = EngineChoice.select(null, BackendChoice.CPU);
        assertEquals(EngineGpu.OFF, cpu.resumedOn(Optional.of("dlkit-cuda")).gpu());
        assertSame(EngineChoice.DL4J, EngineChoice.DL4J.resumedOn(Optional.of("dlkit-cuda")));
    }

    /** Where the preflight sees no driver or GPU (the build machine, CI), auto opens nothing and stays on the CPU. */
    @Test
    void withoutADriverAutoOpensNothingAndAResumedGpuRunSaysWhatIsMissing() {
        Assumptions.assumeTrue(Backends.gpuPresent().isEmpty(), "an NVIDIA driver is here");
        Selection nd4j = new Selection(BackendChoice.AUTO, Backend.CPU, "no NVIDIA driver");
        assertEquals(EngineGpu.NONE, EngineChoice.AUTO.lookForGpu(nd4j).gpu());
        DlkitException e = assertThrows(DlkitException.class,
                () -> EngineChoice.AUTO.resumedOn(Optional.of("dlkit-cuda")).lookForGpu(nd4j));
        assertTrue(e.getMessage().startsWith("--resume: this run trained on the GPU with dlkit's engine and keeps "
                + "that device, which cannot be used here: " + Backends.driverProblem().orElse("no NVIDIA GPU"))
                && e.getMessage().endsWith("; add --backend cpu to go on on the CPU"), e.getMessage());
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

    @Test
    void theGpuLineOfBackendCudaLeavesOutNd4jsBuildAdvice() {
        EngineChoice notInBuild = EngineChoice.decide(null, true, "--backend cuda: the CUDA backend is not in this "
                + "build (built without -Pcuda): build with mvn -Pcuda -DskipTests package (-Pcuda-redist instead "
                + "where CUDA 11.6 is not installed)");
        assertEquals("engine dlkit on CUDA (ND4J's CUDA backend cannot run here (the CUDA backend is not in this build "
                + "(built without -Pcuda)))", notInBuild.line());
        EngineChoice hopper = EngineChoice.decide(null, true, "--backend cuda: GPU 0 NVIDIA H200 (compute capability "
                + "9.0): ND4J 1.0.0-M2.1's CUDA build has no kernels for it; this build has no CUDA backend either "
                + "(built without -Pcuda); use --backend cpu or --backend auto");
        assertTrue(hopper.dlkit() && hopper.cuda(), hopper.toString());
        assertFalse(hopper.line().contains("use --backend cpu"), hopper.line());
        assertTrue(hopper.line().contains("NVIDIA H200 (compute capability 9.0)"), hopper.line());
    }
}
