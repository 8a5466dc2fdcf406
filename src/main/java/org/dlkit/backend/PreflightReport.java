package org.dlkit.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The preflight part of a report: GPUs, checks and decisions, built from {@link HostFacts} alone (no ND4J). */
final class PreflightReport {

    /** The builds dlkit can be made as, for "what would each build do on this machine". */
    enum Build {
        CPU("default build (CPU)", Set.of(Backend.CPU), false),
        CUDA("-Pcuda build", Set.of(Backend.CUDA), false),
        CUDA_REDIST("-Pcuda-redist build", Set.of(Backend.CUDA), true);

        final String label;
        final Set<Backend> backends;
        final boolean redist;

        Build(String label, Set<Backend> backends, boolean redist) {
            this.label = label;
            this.backends = backends;
            this.redist = redist;
        }
    }

    private PreflightReport() {
    }

    /** Each GPU nvidia-smi lists, with whether ND4J's CUDA build can run on it. */
    static List<Map<String, Object>> gpus(HostFacts facts) {
        List<Map<String, Object>> gpus = new ArrayList<>();
        for (Gpu gpu : facts.smi().gpus()) {
            Map<String, Object> entry = Report.section();
            entry.put("index", gpu.index());
            entry.put("name", gpu.name());
            entry.put("computeCapability", gpu.computeCapability() == null ? "unknown"
                    : gpu.computeCapability().toString());
            entry.put("driver", String.valueOf(gpu.driver()));
            entry.put("nd4jCuda", gpu.nd4jCudaVerdict());
            gpus.add(entry);
        }
        return gpus;
    }

    /** The CUDA checks as {@code [PASS] NVIDIA driver: ...} lines. */
    static List<String> checks(HostFacts facts) {
        return Preflight.cudaChecks(facts).stream()
                .map(check -> "[" + check.status() + "] " + check.name() + ": " + check.detail()).toList();
    }

    /** The section shared by {@code env} and {@code gpu-check}: nvidia-smi, GPUs, CUDA checks. */
    static Map<String, Object> machine(HostFacts facts) {
        Map<String, Object> section = Report.section();
        SmiOutput smi = facts.smi();
        section.put("nvidiaSmi", !smi.installed() ? "not installed"
                : "exit " + smi.exitCode() + ": " + smi.output().strip().replace("\n", " | "));
        section.put("driverLibrary", facts.driverLibrary() == null ? "not found" : facts.driverLibrary());
        section.put("gpus", gpus(facts));
        section.put("cudaChecks", checks(facts));
        section.put("librarySearchPath", String.join(":", facts.librarySearchPath()) + " (then the ld.so cache)");
        return section;
    }

    /** What each build would do here for each {@code --backend}. */
    static Map<String, Object> decisionsPerBuild(HostFacts facts) {
        Map<String, Object> builds = Report.section();
        for (Build build : Build.values()) {
            Map<String, Object> decisions = Report.section();
            HostFacts asBuilt = facts.withBuild(build.backends, build.redist);
            for (BackendChoice choice : BackendChoice.values()) {
                Decision nd4j = Preflight.decide(choice, asBuilt);
                decisions.put("--backend " + choice, build == Build.CPU ? withEngine(nd4j, facts) : nd4j.summary());
            }
            builds.put(build.label, decisions);
        }
        return builds;
    }

    /** The default build's decision for {@code nd4j}'s {@code --backend}, with where dlkit's own engine trains. */
    private static String withEngine(Decision nd4j, HostFacts facts) {
        return switch (nd4j.choice()) {
            case CUDA -> engineOrRefusal(nd4j);
            case AUTO -> autoWithEngine(nd4j, facts);
            case CPU -> nd4j.summary();
        };
    }

    /**
     * The default build's {@code --backend cuda}: where ND4J's CUDA backend cannot run but a GPU answers, dlkit's own
     * engine trains on it (org.dlkit.engine.EngineChoice), with ND4J on the CPU for the data and the evaluation.
     */
    static String engineOrRefusal(Decision nd4j) {
        if (!nd4j.refused() || nd4j.cause() == Cause.NO_DRIVER || nd4j.cause() == Cause.NO_GPU
                || nd4j.cause() == Cause.DRIVER_TOO_OLD) {
            return nd4j.summary();
        }
        String whyNotNd4j = nd4j.cause() == Cause.UNSUPPORTED_GPU ? "ND4J's CUDA build has no kernels for this GPU"
                : "this build has no ND4J CUDA backend";
        return "dlkit's engine on the GPU in float, ND4J on the CPU for the data and the evaluation (" + whyNotNd4j
                + "); " + ENGINE_NEEDS;
    }

    private static final String ENGINE_NEEDS = "it needs Java 22+, dlkit built with a JDK 22+, and libcudart and "
            + "libcublas 12 or newer (bin/cuda-check tests it on this GPU)";

    /**
     * The default build's {@code --backend auto}: ND4J on the CPU, and where a GPU is here, dlkit's own engine trains
     * on it under {@code --engine auto} when its device opens and it trains the network (org.dlkit.engine.EngineGpu),
     * else on the CPU with a line saying why.
     */
    static String autoWithEngine(Decision nd4j, HostFacts facts) {
        if (nd4j.refused() || nd4j.backend() != Backend.CPU) {
            return nd4j.summary();
        }
        return Preflight.gpuPresent(facts).map(gpu -> nd4j.summary() + "; with --engine auto dlkit's engine trains "
                + "on " + gpu + " in float where it trains the network (" + ENGINE_NEEDS + "), else on the CPU, "
                + "saying why").orElse(nd4j.summary());
    }
}
