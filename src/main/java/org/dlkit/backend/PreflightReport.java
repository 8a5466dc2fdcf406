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
                decisions.put("--backend " + choice, Preflight.decide(choice, asBuilt).summary());
            }
            builds.put(build.label, decisions);
        }
        return builds;
    }
}
