package org.dlkit.backend;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link HostFacts} from recorded nvidia-smi outputs, for the decision tests. */
final class Machine {

    /** Recorded {@code nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader} outputs. */
    static final String H100 = "NVIDIA H100 80GB HBM3, 9.0, 580.95.05\n";
    static final String A100 = "NVIDIA A100-SXM4-40GB, 8.0, 535.104.05\n";
    static final String RTX_4090 = "NVIDIA GeForce RTX 4090, 8.9, 550.54.14\n";
    static final String K20 = "Tesla K20Xm, 3.5, 470.256.02\n";
    /** Drivers before 510 reject compute_cap; the probe then asks for name,driver_version. */
    static final String K80_DRIVER_418 = "Tesla K80, 418.87.01\n";
    static final String T4_DRIVER_470 = "Tesla T4, 470.82.01\n";
    static final String NO_DEVICES = "No devices were found\n";
    static final String DRIVER_DOWN = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA "
            + "driver. Make sure that the latest NVIDIA driver is installed and running.\n\n";

    static final String LIBCUDA = "/usr/lib/x86_64-linux-gnu/libcuda.so.1";
    static final List<String> SEARCH_PATH = List.of("/usr/local/cuda-11.6/lib64", "/usr/lib/x86_64-linux-gnu");

    private final Set<Backend> build;
    private String driver;
    private SmiOutput smi = SmiOutput.notInstalled();
    private final Map<String, String> libraries = new LinkedHashMap<>();
    private boolean redist;
    private String visible;
    private final Map<Backend, Integer> priorities = new EnumMap<>(Backend.class);

    private Machine(Set<Backend> build) {
        this.build = build;
        priorities.put(Backend.CPU, Backend.CPU.defaultPriority());
        priorities.put(Backend.CUDA, Backend.CUDA.defaultPriority());
    }

    static Machine build(Backend... backends) {
        Set<Backend> set = EnumSet.noneOf(Backend.class);
        set.addAll(List.of(backends));
        return new Machine(set);
    }

    /** A driver, nvidia-smi listing {@code gpus}, and the CUDA 11.6 libraries installed. */
    static Machine withGpus(String gpus, Backend... backends) {
        return build(backends).driver().smi(0, gpus).cudaLibraries();
    }

    Machine driver() {
        driver = LIBCUDA;
        return this;
    }

    Machine smi(int exitCode, String output) {
        smi = new SmiOutput(exitCode, output, true);
        return this;
    }

    Machine smiBefore510(String output) {
        smi = new SmiOutput(0, output, false);
        return this;
    }

    Machine cudaLibraries() {
        CudaBuild.LIBRARIES.forEach(library -> libraries.put(library, "/usr/local/cuda-11.6/lib64/" + library));
        return this;
    }

    Machine noCudaLibraries() {
        libraries.clear();
        return this;
    }

    Machine redist() {
        redist = true;
        return this;
    }

    Machine visible(String devices) {
        visible = devices;
        return this;
    }

    Machine priority(Backend backend, int priority) {
        priorities.put(backend, priority);
        return this;
    }

    HostFacts facts() {
        return new HostFacts(build, driver, smi, libraries, redist, SEARCH_PATH, visible, priorities);
    }

    Decision decide(BackendChoice choice) {
        return Preflight.decide(choice, facts());
    }
}
