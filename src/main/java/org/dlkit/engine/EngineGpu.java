package org.dlkit.engine;

import org.dlkit.backend.Backends;
import org.dlkit.error.DlkitException;

import java.util.Optional;

/**
 * The GPU as {@code --engine auto} under {@code --backend auto} sees it for dlkit's engine, where ND4J runs on the
 * CPU: still to be looked for ({@link State#ASK}, {@link State#REQUIRED} on a resumed GPU run), not to be used
 * ({@link State#OFF}), or what {@link #probe} found: none, a device that opens, or a GPU whose device refuses (and
 * why). {@link EngineChoice#resolve} reads it; this value is pure, {@link #probe} is the one place that looks.
 *
 * @param state  where the search stands
 * @param gpu    the GPU found ({@code NVIDIA H200}), else null
 * @param reason why the device cannot open ({@link State#REFUSED}), else null
 */
public record EngineGpu(State state, String gpu, String reason) {

    /** Where the search for a GPU stands. */
    public enum State {
        /** not looked for yet: look when ND4J runs on the CPU under {@code --backend auto} */
        ASK,
        /** a resumed run that trained on the GPU: look, and refuse to go on without it */
        REQUIRED,
        /** not to be used: {@code --backend cpu}, or a resumed run that trained on the CPU */
        OFF,
        /** no NVIDIA driver or no GPU visible (nothing was opened) */
        NONE,
        /** the device opens */
        USABLE,
        /** a GPU is here, but the device does not open ({@link #reason}) */
        REFUSED
    }

    public static final EngineGpu ASK = new EngineGpu(State.ASK, null, null);
    public static final EngineGpu REQUIRED = new EngineGpu(State.REQUIRED, null, null);
    public static final EngineGpu OFF = new EngineGpu(State.OFF, null, null);
    public static final EngineGpu NONE = new EngineGpu(State.NONE, null, null);

    /** {@code gpu}, on which dlkit's CUDA device opens. */
    public static EngineGpu usable(String gpu) {
        return new EngineGpu(State.USABLE, gpu, null);
    }

    /** {@code gpu} is here, but dlkit's CUDA device does not open, because of {@code reason}. */
    public static EngineGpu refused(String gpu, String reason) {
        return new EngineGpu(State.REFUSED, gpu, reason);
    }

    /** Whether {@link #probe} still has to look. */
    boolean toLookFor() {
        return state == State.ASK || state == State.REQUIRED;
    }

    /**
     * Looks for the GPU: none when the preflight's facts show no NVIDIA driver or GPU (then nothing is opened);
     * otherwise dlkit's CUDA device is opened ({@link Devices#cuda}) and closed again, or, on Java older than 22,
     * refused at once. With {@code required} (a resumed GPU run) anything but a device that opens is an error.
     */
    static EngineGpu probe(boolean required) {
        Optional<String> gpu = Backends.gpuPresent();
        if (gpu.isEmpty()) {
            if (required) {
                throw resumeNeedsTheGpu(Backends.driverProblem().orElse("no NVIDIA GPU is visible here"));
            }
            return NONE;
        }
        EngineGpu found = open(gpu.get());
        if (required && found.state != State.USABLE) {
            throw resumeNeedsTheGpu("a GPU is here (" + found.gpu + "), but " + found.reason);
        }
        return found;
    }

    private static EngineGpu open(String gpu) {
        int feature = Runtime.version().feature();
        if (feature < Devices.CUDA_JAVA) {
            return refused(gpu, "dlkit's engine needs Java " + Devices.CUDA_JAVA + "+ to use it (this is Java "
                    + feature + "): run with a JDK " + Devices.CUDA_JAVA + "+, " + Devices.TEMURIN_HINT
                    + " bin/dlkit ...");
        }
        try (Device device = Devices.cuda(false)) {
            device.description();
            return usable(gpu);
        } catch (DlkitException e) {
            return refused(gpu, "dlkit's engine cannot open it: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) { // auto falls back to the CPU; the line says why
            return refused(gpu, "dlkit's engine cannot open it: " + e);
        }
    }

    private static DlkitException resumeNeedsTheGpu(String why) {
        return new DlkitException("--resume: this run trained on the GPU with dlkit's engine and keeps that device, "
                + "which cannot be used here: " + why + "; add --backend cpu to go on on the CPU");
    }
}
