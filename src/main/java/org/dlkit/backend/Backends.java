package org.dlkit.backend;

import java.util.Optional;

import org.dlkit.error.DlkitException;

/**
 * Chooses the ND4J backend once per JVM, before ND4J starts: the entry point for the CLI and the Java API.
 *
 * <pre>{@code
 * Selection selection = Backends.start(BackendChoice.AUTO); // preflight, start ND4J, tune threads
 * System.err.println(selection.line());                    // backend cpu (auto: ...)
 * }</pre>
 *
 * <p>{@link #select} only decides (it reads the build and the machine, never ND4J, so it also runs where ND4J's
 * natives are absent); {@link #start} decides, then starts ND4J and checks that it loaded the selected backend.
 * Either throws {@link DlkitException} with the reason when the choice cannot run. Call one of them before the first
 * ND4J call: ND4J picks its backend when its {@code Nd4j} class initialises, and never again.
 */
public final class Backends {

    private static HostFacts facts;
    private static Selection selected;

    private Backends() {
    }

    /** Decides the backend for {@code choice}, or throws {@link DlkitException} saying why it cannot run. */
    public static synchronized Selection select(BackendChoice choice) {
        Selection selection = Preflight.decide(choice, facts()).selection();
        if (selected != null && selected.backend() != selection.backend()) {
            throw new DlkitException("--backend " + choice + ": this JVM already runs ND4J on " + selected.backend()
                    + " (" + selected.choice() + "); the backend is chosen once, before ND4J starts");
        }
        if (selected == null) {
            selected = selection;
        }
        if (selection.backend() == Backend.CPU) {
            OpenBlas.preload();
        }
        return selection;
    }

    /**
     * {@link #select}, then starts ND4J, checks that it loaded the selected backend and applies {@link Threads#tune}
     * on the calling thread (the thread that will train).
     */
    public static Selection start(BackendChoice choice) {
        Selection selection = select(choice);
        Nd4jStart.start(selection);
        return selection;
    }

    /** The selection made in this JVM, if any. */
    public static synchronized Optional<Selection> selected() {
        return Optional.ofNullable(selected);
    }

    /**
     * Why this machine has no usable NVIDIA driver ("no NVIDIA driver: libcuda.so.1 is not in the ld.so cache nor
     * ..."), or empty when it has one; read without loading ND4J or any native library.
     */
    public static Optional<String> driverProblem() {
        return Preflight.driverProblem(facts());
    }

    /**
     * The GPU dlkit's own engine could train on here ({@code NVIDIA H200}), or empty when no NVIDIA driver or no GPU
     * is visible; read from the preflight's facts, without opening anything.
     */
    public static Optional<String> gpuPresent() {
        return Preflight.gpuPresent(facts());
    }

    /** The build and machine facts, read once per JVM. */
    static synchronized HostFacts facts() {
        if (facts == null) {
            facts = new HostProbe().read();
        }
        return facts;
    }
}
