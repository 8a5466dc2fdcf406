package org.dlkit.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.backend.Backend;
import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Backends;
import org.dlkit.backend.Selection;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which engine trains, on which device, and why: dlkit's own engine (on the CPU or on a CUDA GPU) or DL4J's fit loop.
 * {@link #decide} turns {@code --engine} and {@code --backend} into a choice before ND4J starts; under
 * {@code --engine auto} (the default) the choice is {@link #pending() pending} until the network exists:
 * {@link #lookForGpu} then looks for a GPU dlkit's engine can use (under {@code --backend auto}, where ND4J runs on the
 * CPU) and {@link #resolve} settles it: dlkit's engine when it trains that network and nothing needs DL4J's own loop
 * (on that GPU if there is one, else on the CPU), else DL4J. {@link #line()} is what the CLI prints.
 *
 * @param dlkit   whether dlkit's engine trains (else DL4J)
 * @param cuda    whether the engine runs on the GPU (else on the CPU); false for DL4J
 * @param reason  why, in one line
 * @param pending whether this is {@code auto}, not yet {@link #resolve resolved} against the network
 * @param gpu     for a pending choice, the GPU dlkit's engine may use ({@link EngineGpu#ASK} until looked for)
 */
public record EngineChoice(boolean dlkit, boolean cuda, String reason, boolean pending, EngineGpu gpu) {

    /** DL4J trains (on the backend ND4J runs on): {@code --engine dl4j}. */
    public static final EngineChoice DL4J = new EngineChoice(false, false, "--engine dl4j", false);

    /**
     * {@code --engine auto}: dlkit's engine where it applies (on a GPU it can use under {@code --backend auto}, else
     * on the CPU), decided by {@link #lookForGpu} and {@link #resolve}.
     */
    public static final EngineChoice AUTO = new EngineChoice(false, false, "auto", true, EngineGpu.ASK);

    /** What {@link #recorded()} writes for dlkit's engine on the GPU: a resumed run under auto keeps that device. */
    public static final String RECORDED_CUDA = "dlkit-cuda";

    /** A choice that is not pending: no GPU to look for. */
    public EngineChoice(boolean dlkit, boolean cuda, String reason, boolean pending) {
        this(dlkit, cuda, reason, pending, EngineGpu.NONE);
    }

    /** The {@code --engine} values. */
    public enum Engine { AUTO, DL4J, DLKIT }

    /**
     * The choice for {@code --engine} ({@code null}: auto) and the backend asked for.
     *
     * @param engine          {@code --engine}, or null for auto
     * @param backendCuda     whether {@code --backend cuda} was asked for
     * @param nd4jCudaRefusal null when ND4J's CUDA backend can run here, else the preflight's reason it cannot
     */
    public static EngineChoice decide(Engine engine, boolean backendCuda, String nd4jCudaRefusal) {
        if (engine == Engine.DL4J) {
            return DL4J;
        }
        if (engine == Engine.DLKIT) {
            return backendCuda ? new EngineChoice(true, true, "--engine dlkit --backend cuda", false)
                    : new EngineChoice(true, false, "--engine dlkit; ND4J only prepares data and evaluates", false);
        }
        if (backendCuda) {
            return nd4jCudaRefusal != null
                    ? new EngineChoice(true, true, "ND4J's CUDA backend cannot run here ("
                            + withoutNd4jAdvice(nd4jCudaRefusal) + ")", false)
                    : new EngineChoice(false, false, "auto: ND4J's CUDA backend runs here", false);
        }
        return AUTO;
    }

    /**
     * {@link #decide} with ND4J's own preflight asked when {@code --backend cuda} comes under auto, and the device
     * {@link #check checked}; call it before ND4J starts.
     */
    public static EngineChoice select(Engine engine, BackendChoice backend) {
        if ((engine == null || engine == Engine.AUTO) && backend == BackendChoice.CPU) {
            return AUTO.withGpu(EngineGpu.OFF); // --backend cpu: the CPU, whatever GPU is here
        }
        String refusal = null;
        if ((engine == null || engine == Engine.AUTO) && backend == BackendChoice.CUDA) {
            try {
                Backends.select(BackendChoice.CUDA);
            } catch (DlkitException e) {
                refusal = e.getMessage();
            }
        }
        EngineChoice choice = decide(engine, backend == BackendChoice.CUDA, refusal);
        choice.check();
        return choice;
    }

    /** This pending choice with {@code gpu} as what dlkit's engine may use: pure, for tests and callers that know. */
    public EngineChoice withGpu(EngineGpu gpu) {
        return pending ? new EngineChoice(dlkit, cuda, reason, true, gpu) : this;
    }

    /**
     * This choice for a resumed run whose checkpoint recorded {@code recorded} ({@link #recorded()}; empty for runs
     * that recorded nothing): under auto it keeps the device the run trained on, the GPU
     * ({@link EngineGpu#REQUIRED}) or the CPU ({@link EngineGpu#OFF}); other choices are returned as they are.
     */
    public EngineChoice resumedOn(Optional<String> recorded) {
        if (!pending || gpu.state() != EngineGpu.State.ASK) {
            return this;
        }
        return withGpu(recorded.filter(RECORDED_CUDA::equals).isPresent() ? EngineGpu.REQUIRED : EngineGpu.OFF);
    }

    /**
     * Looks for the GPU of a pending choice once ND4J has started as {@code nd4j}: none when ND4J runs on a GPU
     * itself (DL4J trains there) or was asked for by name (not {@code auto}), else {@link EngineGpu#probe} (which
     * opens nothing where the preflight sees no NVIDIA driver or GPU). Other choices are returned as they are.
     */
    public EngineChoice lookForGpu(Selection nd4j) {
        if (!pending || !gpu.toLookFor()) {
            return this;
        }
        boolean askedByName = gpu.state() == EngineGpu.State.ASK && nd4j.choice() != BackendChoice.AUTO;
        if (nd4j.backend() == Backend.CUDA || askedByName) {
            return withGpu(EngineGpu.NONE);
        }
        return withGpu(EngineGpu.probe(gpu.state() == EngineGpu.State.REQUIRED));
    }

    /**
     * {@link #resolve}, as training does once ND4J runs as {@code nd4j} and the network exists, with the GPU looked
     * for ({@link #lookForGpu}) only when dlkit's engine trains {@code net} (a network that goes to DL4J opens nothing,
     * and its line is the CPU's).
     */
    public EngineChoice settle(Selection nd4j, MultiLayerNetwork net, List<TrainingListener> listeners,
                               boolean epochRunner) {
        if (!pending) {
            return this;
        }
        String dl4jBecause = dl4jNeeded(net, listeners, epochRunner, nd4j.backend() == Backend.CUDA);
        return dl4jBecause != null ? dl4j(dl4jBecause) : lookForGpu(nd4j).onDlkitsEngine();
    }

    /**
     * Settles a {@link #pending()} auto choice for {@code net} (other choices are returned as they are): DL4J when ND4J
     * runs on a GPU ({@code nd4jOnGpu}), when an epoch runner (Spark) trains elsewhere, when DL4J listeners were added
     * (they listen to DL4J's fit loop; the live UI is one), when the network is not in FLOAT or is one dlkit's engine
     * does not train ({@link Dl4jMlp#of} names the part); otherwise dlkit's engine, on the GPU when
     * {@link #gpu()} is {@link EngineGpu.State#USABLE usable}, else on the CPU (saying why a GPU that is here is not
     * used).
     */
    public EngineChoice resolve(MultiLayerNetwork net, List<TrainingListener> listeners, boolean epochRunner,
                                boolean nd4jOnGpu) {
        if (!pending) {
            return this;
        }
        String dl4jBecause = dl4jNeeded(net, listeners, epochRunner, nd4jOnGpu);
        return dl4jBecause != null ? dl4j(dl4jBecause) : onDlkitsEngine();
    }

    /** Auto settled on DL4J, because of {@code why}. */
    private static EngineChoice dl4j(String why) {
        return new EngineChoice(false, false, "auto: " + why, false);
    }

    /** Auto settled on dlkit's engine: on the GPU when {@link #gpu()} is usable, else on the CPU, saying why. */
    private EngineChoice onDlkitsEngine() {
        if (gpu.state() == EngineGpu.State.USABLE) {
            return new EngineChoice(true, true, "auto: a GPU dlkit's engine can use: " + gpu.gpu()
                    + "; ND4J prepares data and evaluates on the CPU", false);
        }
        String unusedGpu = gpu.state() == EngineGpu.State.REFUSED
                ? "; a GPU is here (" + gpu.gpu() + "), but " + gpu.reason() : "";
        return new EngineChoice(true, false, "auto: dlkit's engine trains this network; ND4J prepares data and "
                + "evaluates" + unusedGpu, false);
    }

    /**
     * Refuses, once this choice is settled, what dlkit's engine cannot train alongside: an epoch runner (Spark), which
     * trains elsewhere, and DL4J listeners, which listen to DL4J's fit loop and would never be called.
     */
    public void refuseAlongside(List<TrainingListener> listeners, boolean epochRunner) {
        if (dlkit && epochRunner) {
            throw new DlkitException("engine: dlkit's engine and an epoch runner (Spark) cannot train together; "
                    + "choose one");
        }
        if (dlkit && !listeners.isEmpty()) {
            throw new DlkitException("listeners: dlkit's engine trains this run and would never call the DL4J "
                    + "listeners added (" + names(listeners) + "): they listen to DL4J's fit loop; leave them out, or "
                    + "let DL4J train (engine(EngineChoice.Engine.DL4J))");
        }
    }

    /** The listeners' class names, each once: {@code ScoreIterationListener, CollectScoresListener}. */
    private static String names(List<TrainingListener> listeners) {
        return listeners.stream().map(l -> l.getClass().getSimpleName()).distinct().collect(Collectors.joining(", "));
    }

    /** Why DL4J's own fit loop must train {@code net}, or null when dlkit's engine can. */
    private static String dl4jNeeded(MultiLayerNetwork net, List<TrainingListener> listeners, boolean epochRunner,
                                     boolean nd4jOnGpu) {
        if (nd4jOnGpu) {
            return "ND4J runs on the GPU";
        }
        if (epochRunner) {
            return "a Spark epoch runner computes the epochs";
        }
        // by name, so that checking does not load the UI's classes
        if (listeners.stream().anyMatch(l -> l.getClass().getName().startsWith("org.deeplearning4j.ui."))) {
            return "the live UI listens to DL4J's fit loop";
        }
        if (!listeners.isEmpty()) {
            return "DL4J listeners were added (" + names(listeners) + "); they listen to DL4J's fit loop";
        }
        DataType type = net.getLayerWiseConfigurations().getDataType();
        if (type != DataType.FLOAT) {
            return "the network is in " + type + "; dlkit's engine trains FLOAT networks";
        }
        try {
            Dl4jMlp.of(net);
        } catch (Dl4jMlp.Unsupported e) {
            return e.part();
        }
        return null;
    }

    /**
     * The preflight's refusal of ND4J's CUDA backend without its advice ("build with mvn -Pcuda ...", "use --backend
     * cpu ..."), which is about ND4J's backends and would mislead in the line of dlkit's engine training on the GPU.
     */
    static String withoutNd4jAdvice(String refusal) {
        String prefix = "--backend cuda: ";
        String reason = refusal.startsWith(prefix) ? refusal.substring(prefix.length()) : refusal;
        for (String advice : List.of("; use --backend", "; build without -Pcuda", ": build with mvn -Pcuda")) {
            int at = reason.indexOf(advice);
            reason = at >= 0 ? reason.substring(0, at) : reason;
        }
        return reason;
    }

    /**
     * What a checkpoint records of this choice, so that a resumed run keeps its device ({@link #resumedOn}):
     * {@value #RECORDED_CUDA}, {@code dlkit-cpu} or {@code dl4j}.
     */
    public String recorded() {
        return dlkit ? (cuda ? RECORDED_CUDA : "dlkit-cpu") : "dl4j";
    }

    /** The ND4J backend to start: the CPU when dlkit's engine trains (ND4J only prepares data and evaluates). */
    public BackendChoice nd4jBackend(BackendChoice asked) {
        return dlkit ? BackendChoice.CPU : asked;
    }

    /** Opens the device this choice trains on (a CUDA GPU in float, or the CPU). */
    public Device open() {
        if (!dlkit) {
            throw new IllegalStateException("DL4J trains: no engine device");
        }
        return cuda ? Devices.cuda(false) : Devices.cpuFloat();
    }

    /** Checks now that the device opens, so a missing driver is reported before anything is written. */
    public void check() {
        if (dlkit && cuda) {
            try (Device d = open()) {
                d.description();
            } catch (DlkitException e) {
                throw new DlkitException("--backend cuda with dlkit's engine: " + e.getMessage());
            }
        }
    }

    /**
     * "engine dlkit on the CPU (auto: ...)", "engine DL4J (auto: the live UI listens to DL4J's fit loop)";
     * "engine auto" while {@link #pending()}.
     */
    public String line() {
        if (pending) {
            return "engine auto (dlkit's engine where it trains the network, else DL4J)";
        }
        return (dlkit ? "engine dlkit on " + (cuda ? "CUDA" : "the CPU") : "engine DL4J") + " (" + reason + ")";
    }
}
