package org.dlkit.engine;

import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Backends;
import org.dlkit.error.DlkitException;

/**
 * Which engine trains, on which device, and why: DL4J (the default) or dlkit's own engine on the CPU or on a CUDA
 * GPU. {@link #decide} turns {@code --engine} and {@code --backend} into a choice; {@link #line()} is what the CLI
 * prints.
 *
 * @param dlkit  whether dlkit's engine trains (else DL4J)
 * @param cuda   whether the engine runs on the GPU (else on the CPU); false for DL4J
 * @param reason why, in one line
 */
public record EngineChoice(boolean dlkit, boolean cuda, String reason) {

    /** DL4J trains (on the backend ND4J runs on). */
    public static final EngineChoice DL4J = new EngineChoice(false, false, "DL4J trains (the default)");

    /** The {@code --engine} values. */
    public enum Engine { DL4J, DLKIT }

    /**
     * The choice for {@code --engine} ({@code null}: not given) and the backend asked for.
     *
     * @param engine        {@code --engine}, or null
     * @param backendCuda   whether {@code --backend cuda} was asked for
     * @param nd4jCudaRefusal null when ND4J's CUDA backend can run here, else the preflight's reason it cannot
     */
    public static EngineChoice decide(Engine engine, boolean backendCuda, String nd4jCudaRefusal) {
        if (engine == Engine.DL4J) {
            return DL4J;
        }
        if (engine == Engine.DLKIT) {
            return backendCuda ? new EngineChoice(true, true, "--engine dlkit --backend cuda")
                    : new EngineChoice(true, false, "--engine dlkit; ND4J only prepares data and evaluates");
        }
        if (backendCuda && nd4jCudaRefusal != null) {
            return new EngineChoice(true, true, "ND4J's CUDA backend cannot run here (" + nd4jCudaRefusal + ")");
        }
        return DL4J;
    }

    /**
     * {@link #decide} with ND4J's own preflight asked when {@code --backend cuda} comes without {@code --engine}, and the
     * device {@link #check checked}; call it before ND4J starts.
     */
    public static EngineChoice select(Engine engine, BackendChoice backend) {
        String refusal = null;
        if (engine == null && backend == BackendChoice.CUDA) {
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

    /** The ND4J backend to start: the CPU when dlkit's engine trains (ND4J only prepares data and evaluates). */
    public BackendChoice nd4jBackend(BackendChoice asked) {
        return dlkit ? BackendChoice.CPU : asked;
    }

    /** Opens the device this choice trains on: a CUDA GPU or the CPU, both in float. */
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

    /** "engine dlkit on CUDA (ND4J's CUDA backend cannot run here (...))". */
    public String line() {
        return dlkit ? "engine dlkit on " + (cuda ? "CUDA" : "the CPU") + " (" + reason + ")" : "engine DL4J";
    }
}
