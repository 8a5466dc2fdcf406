package org.dlkit.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The backend decision, a pure function of {@link HostFacts}: first the machine is checked for ND4J's CUDA backend
 * ({@link #cudaChecks}), then the choice is matched with what the build contains ({@link #decide}).
 *
 * <p>The checks run in the order a CUDA start-up needs them: driver, GPU, driver version, compute capability, CUDA
 * libraries. The first failure is the reason given; all of them appear in {@code dlkit env} and {@code gpu-check}.
 */
final class Preflight {

    private static final String USE_CPU = "use --backend cpu or --backend auto";
    private static final String BUILD_CUDA = "build with mvn -Pcuda -DskipTests package "
            + "(-Pcuda-redist instead where CUDA 11.6 is not installed)";
    private static final String NOT_IN_BUILD_EITHER = "this build has no CUDA backend either (built without -Pcuda)";
    private static final String BUILD_CPU = "build without -Pcuda for the CPU backend (mvn -DskipTests package)";

    private Preflight() {
    }

    /** The checks of this machine for ND4J's CUDA backend, in start-up order. */
    static List<Check> cudaChecks(HostFacts facts) {
        return List.of(driver(facts), gpus(facts), driverVersion(facts), computeCapability(facts), libraries(facts));
    }

    /** What runs for {@code choice} with this build on this machine, or why nothing can. */
    static Decision decide(BackendChoice choice, HostFacts facts) {
        Set<Backend> build = facts.backendsInBuild();
        if (build.isEmpty()) {
            return Decision.refuse(choice, Cause.NO_BACKEND, "no ND4J backend on the classpath (needs "
                    + Backend.CPU.artifact() + " or " + Backend.CUDA.artifact() + ")");
        }
        Optional<Check> gpuFailure = cudaChecks(facts).stream().filter(Check::failed).findFirst();
        return switch (choice) {
            case CPU -> decideCpu(facts, gpuFailure);
            case CUDA -> decideCuda(facts, gpuFailure);
            case AUTO -> decideAuto(facts, gpuFailure);
        };
    }

    private static Decision decideCpu(HostFacts facts, Optional<Check> gpuFailure) {
        if (!facts.backendsInBuild().contains(Backend.CPU)) {
            return Decision.refuse(BackendChoice.CPU, Cause.CPU_NOT_IN_BUILD,
                    "this build has no CPU backend (it was built with -Pcuda): " + BUILD_CPU
                            + ", or use --backend cuda");
        }
        return run(BackendChoice.CPU, Backend.CPU, "asked for", facts, gpuFailure);
    }

    private static Decision decideCuda(HostFacts facts, Optional<Check> gpuFailure) {
        boolean inBuild = facts.backendsInBuild().contains(Backend.CUDA);
        Optional<Check> machineFailure = inBuild ? gpuFailure : gpuFailure.filter(Preflight::notLibraries);
        if (machineFailure.isPresent()) {
            String useCpu = facts.backendsInBuild().contains(Backend.CPU) ? USE_CPU : BUILD_CPU + ", then " + USE_CPU;
            return Decision.refuse(BackendChoice.CUDA, machineFailure.get().cause(), machineFailure.get().detail()
                    + (inBuild ? "" : "; " + NOT_IN_BUILD_EITHER) + "; " + useCpu);
        }
        if (!inBuild) {
            return Decision.refuse(BackendChoice.CUDA, Cause.CUDA_NOT_IN_BUILD,
                    "the CUDA backend is not in this build (built without -Pcuda): " + BUILD_CUDA);
        }
        return run(BackendChoice.CUDA, Backend.CUDA, "asked for; " + cudaSummary(facts), facts, gpuFailure);
    }

    private static Decision decideAuto(HostFacts facts, Optional<Check> gpuFailure) {
        Set<Backend> build = facts.backendsInBuild();
        if (build.contains(Backend.CUDA) && gpuFailure.isEmpty()) {
            return run(BackendChoice.AUTO, Backend.CUDA, cudaSummary(facts), facts, gpuFailure);
        }
        Optional<Check> machineFailure = gpuFailure.filter(Preflight::notLibraries);
        String whyNotCuda = build.contains(Backend.CUDA) ? gpuFailure.orElseThrow().detail()
                : machineFailure.map(failure -> failure.detail() + "; " + NOT_IN_BUILD_EITHER)
                        .orElse("the CUDA backend is not in this build (built without -Pcuda)" + gpuHint(facts));
        if (build.contains(Backend.CPU)) {
            return run(BackendChoice.AUTO, Backend.CPU, whyNotCuda, facts, gpuFailure);
        }
        return Decision.refuse(BackendChoice.AUTO, gpuFailure.orElseThrow().cause(), whyNotCuda
                + "; and this build has no CPU backend to fall back to (built with -Pcuda): " + BUILD_CPU);
    }

    private static boolean notLibraries(Check check) {
        return check.cause() != Cause.CUDA_LIBRARIES_MISSING;
    }

    /**
     * Runs {@code backend} unless both backends are on the classpath and ND4J would load the other: it tries them in
     * priority order and skips CUDA only when {@code JCublasBackend.isAvailable()} fails, which it does without a
     * driver, a GPU, a new enough driver or the CUDA libraries (CUDA's libraries fail to load or it finds no device)
     * but not on an unsupported GPU, where CUDA loads and its kernels fail later.
     */
    private static Decision run(BackendChoice choice, Backend backend, String reason, HostFacts facts,
                                Optional<Check> gpuFailure) {
        Backend first = facts.nd4jFirstChoice();
        boolean nd4jSkipsCuda = first == Backend.CUDA
                && gpuFailure.filter(check -> check.cause() != Cause.UNSUPPORTED_GPU).isPresent();
        if (facts.backendsInBuild().size() > 1 && first != backend && !nd4jSkipsCuda) {
            return Decision.refuse(choice, Cause.PRIORITY_CONFLICT, "both ND4J backends are on the classpath and "
                    + "ND4J tries " + first + " first (" + priorities(facts) + "): set " + backend.priorityVariable()
                    + "=" + (facts.priorities().get(first) + 1) + " in the environment before Java starts, or keep "
                    + "one backend (build with or without -Pcuda, after mvn clean)");
        }
        return Decision.run(choice, backend, reason);
    }

    private static String priorities(HostFacts facts) {
        return facts.priorities().entrySet().stream()
                .map(e -> e.getKey().priorityVariable() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** In a CPU build on a machine that passes the checks (libraries aside): the GPU a CUDA build could use. */
    private static String gpuHint(HostFacts facts) {
        if (facts.visibleGpus().isEmpty()) {
            return "";
        }
        String profile = facts.missingCudaLibraries().isEmpty() ? "-Pcuda" : "-Pcuda-redist";
        return "; " + facts.visibleGpus().get(0).label() + " would run with a " + profile + " build";
    }

    /** {@code GPU 0 NVIDIA A100 (compute capability 8.0) runs the 8.0 kernels}, plus checks that could not run. */
    private static String cudaSummary(HostFacts facts) {
        List<String> parts = new ArrayList<>();
        for (Check check : cudaChecks(facts)) {
            if (check.status() == Check.Status.UNKNOWN) {
                parts.add("not verified: " + check.detail());
            } else if (check.name().equals(COMPUTE_CAPABILITY)) {
                parts.add(check.detail());
            }
        }
        return String.join("; ", parts);
    }

    // ---- the checks -------------------------------------------------------------------------------------------

    static final String DRIVER = "NVIDIA driver";
    static final String GPUS = "GPU";
    static final String DRIVER_VERSION = "driver version";
    static final String COMPUTE_CAPABILITY = "compute capability";
    static final String LIBRARIES = "CUDA 11 libraries";

    /** Why no NVIDIA driver can run here (not installed, not running), or empty when one is there. */
    static Optional<String> driverProblem(HostFacts facts) {
        Check driver = driver(facts);
        return driver.status() == Check.Status.FAIL ? Optional.of(driver.detail()) : Optional.empty();
    }

    /**
     * The GPU dlkit's own engine could train on: the first visible GPU's name ({@code NVIDIA H200}), or, where
     * nvidia-smi lists none but the driver library is there, where that is; empty when there is no driver or no GPU
     * (then nothing should try to open one).
     */
    static Optional<String> gpuPresent(HostFacts facts) {
        if (driver(facts).failed() || gpus(facts).failed()) {
            return Optional.empty();
        }
        List<Gpu> visible = facts.visibleGpus();
        return Optional.of(visible.isEmpty() ? "an NVIDIA driver: " + CudaBuild.DRIVER_LIBRARY + " at "
                + facts.driverLibrary() + ", no GPU listed by nvidia-smi" : visible.get(0).name());
    }

    private static Check driver(HostFacts facts) {
        if (facts.driverLibrary() == null) {
            return Check.fail(DRIVER, Cause.NO_DRIVER, "no NVIDIA driver: " + CudaBuild.DRIVER_LIBRARY
                    + " is not in the ld.so cache nor in " + searched(facts));
        }
        if (facts.smi().driverNotRunning()) {
            return Check.fail(DRIVER, Cause.NO_DRIVER, "the NVIDIA driver is not running: nvidia-smi says \""
                    + facts.smi().firstLine() + "\"");
        }
        return Check.pass(DRIVER, CudaBuild.DRIVER_LIBRARY + " at " + facts.driverLibrary());
    }

    private static Check gpus(HostFacts facts) {
        SmiOutput smi = facts.smi();
        if (!smi.installed()) {
            return Check.unknown(GPUS, "nvidia-smi not found, GPUs not listed");
        }
        if (smi.noDevices()) {
            return Check.fail(GPUS, Cause.NO_GPU, "no NVIDIA GPU found (nvidia-smi: \"" + smi.firstLine() + "\")");
        }
        if (smi.exitCode() != 0) {
            return Check.unknown(GPUS, "nvidia-smi failed (exit " + smi.exitCode() + "): " + smi.firstLine());
        }
        List<Gpu> visible = facts.visibleGpus();
        if (visible.isEmpty()) {
            return Check.fail(GPUS, Cause.NO_GPU, "no GPU visible: CUDA_VISIBLE_DEVICES=\""
                    + facts.cudaVisibleDevices() + "\" hides all " + smi.gpus().size() + " GPU(s)");
        }
        return Check.pass(GPUS, visible.stream().map(Gpu::label).collect(Collectors.joining("; ")));
    }

    private static Check driverVersion(HostFacts facts) {
        List<Gpu> visible = facts.visibleGpus();
        DriverVersion driver = visible.isEmpty() ? null : visible.get(0).driver();
        if (driver == null) {
            return Check.unknown(DRIVER_VERSION, "driver version not read (no GPU listed)");
        }
        if (driver.compareTo(CudaBuild.MIN_DRIVER) < 0) {
            return Check.fail(DRIVER_VERSION, Cause.DRIVER_TOO_OLD, "driver " + driver + " is too old for CUDA "
                    + CudaBuild.CUDA_VERSION + " (needs " + CudaBuild.MIN_DRIVER + " or newer): update the NVIDIA "
                    + "driver");
        }
        return Check.pass(DRIVER_VERSION, "driver " + driver + " runs CUDA " + CudaBuild.CUDA_VERSION + " (needs "
                + CudaBuild.MIN_DRIVER + " or newer)");
    }

    private static Check computeCapability(HostFacts facts) {
        List<Gpu> visible = facts.visibleGpus();
        if (visible.isEmpty()) {
            return Check.unknown(COMPUTE_CAPABILITY, "compute capability not read (no GPU listed)");
        }
        List<Gpu> unsupported = visible.stream()
                .filter(gpu -> gpu.computeCapability() != null && gpu.nd4jKernel().isEmpty()).toList();
        if (!unsupported.isEmpty()) {
            return Check.fail(COMPUTE_CAPABILITY, Cause.UNSUPPORTED_GPU, unsupportedMessage(visible, unsupported));
        }
        if (visible.stream().anyMatch(gpu -> gpu.computeCapability() == null)) {
            return Check.unknown(COMPUTE_CAPABILITY, "compute capability not reported by this driver's nvidia-smi "
                    + "(before 510), so not checked against the kernels for " + CudaBuild.kernelList());
        }
        return Check.pass(COMPUTE_CAPABILITY, visible.stream()
                .map(gpu -> "GPU " + gpu.index() + " " + gpu.name() + " (" + gpu.computeCapability() + ") runs the "
                        + gpu.nd4jKernel().orElseThrow() + " kernels")
                .collect(Collectors.joining("; ")));
    }

    private static String unsupportedMessage(List<Gpu> visible, List<Gpu> unsupported) {
        String gpus = unsupported.stream().map(Gpu::label).collect(Collectors.joining(", "));
        String message = gpus + ": ND4J 1.0.0-M2.1's CUDA build has kernels only for compute capability "
                + CudaBuild.kernelList() + " (8.9 runs the 8.6 code) and no PTX, so it cannot run on "
                + (unsupported.size() == 1 ? "this GPU" : "these GPUs");
        List<String> usable = visible.stream().filter(gpu -> gpu.nd4jKernel().isPresent())
                .map(gpu -> Integer.toString(gpu.index())).toList();
        return usable.isEmpty() ? message
                : message + " (CUDA_VISIBLE_DEVICES=" + String.join(",", usable) + " keeps the supported ones)";
    }

    private static Check libraries(HostFacts facts) {
        if (facts.redistOnClasspath()) {
            return Check.pass(LIBRARIES, "from the CUDA " + CudaBuild.CUDA_VERSION
                    + " redistributable on the classpath (-Pcuda-redist)");
        }
        List<String> missing = facts.missingCudaLibraries();
        if (!missing.isEmpty()) {
            return Check.fail(LIBRARIES, Cause.CUDA_LIBRARIES_MISSING, "CUDA 11 libraries missing: "
                    + String.join(", ", missing) + " (not in the ld.so cache nor in " + searched(facts)
                    + ") and no redistributable on the classpath: install CUDA "
                    + CudaBuild.CUDA_VERSION + " or build with -Pcuda-redist");
        }
        return Check.pass(LIBRARIES, facts.cudaLibraries().entrySet().stream()
                .map(e -> e.getKey() + " at " + e.getValue()).collect(Collectors.joining(", ")));
    }

    /** {@code the 10 library directories searched (dlkit env lists them as librarySearchPath)}. */
    private static String searched(HostFacts facts) {
        return "the " + facts.librarySearchPath().size()
                + " library directories searched (dlkit env lists them as librarySearchPath)";
    }
}
