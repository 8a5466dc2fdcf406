package org.dlkit.backend;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * {@code dlkit env}: Java, dlkit, the backend in use and why, ND4J's BLAS and native binary level, threads,
 * workspaces, memory limits, the GPUs and the CUDA preflight. Starts ND4J (after {@link Backends#select}).
 */
public final class EnvReport {

    private final Map<String, Object> report;

    private EnvReport(Map<String, Object> report) {
        this.report = report;
    }

    /** Collects the report for the backend {@code selection} runs on. */
    public static EnvReport collect(Selection selection) {
        HostFacts facts = Backends.facts();
        Map<String, Object> report = Report.section();
        report.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ") at "
                + System.getProperty("java.home"));
        report.put("dlkit", version());
        report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        report.put("backend", backend(selection, facts));
        report.put("nd4j", nd4j());
        report.put("threads", threads());
        report.put("workspaces", workspaces());
        report.put("memory", memory());
        report.put("machine", PreflightReport.machine(facts));
        return new EnvReport(report);
    }

    public String text() {
        return Report.text(report);
    }

    public String json() {
        return Report.json(report);
    }

    /** The jar's Implementation-Version; classes run from a build directory have none. */
    private static String version() {
        String version = EnvReport.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown (not run from the dlkit jar)";
    }

    private static Map<String, Object> backend(Selection selection, HostFacts facts) {
        Map<String, Object> section = Report.section();
        Set<String> build = new TreeSet<>();
        facts.backendsInBuild().forEach(backend -> build.add(backend.toString()));
        section.put("choice", selection.choice().toString());
        section.put("runs", selection.backend().toString());
        section.put("why", selection.reason());
        section.put("nd4jBackend", Nd4j.getBackend().getClass().getName());
        section.put("inThisBuild", String.join(", ", build));
        return section;
    }

    private static Map<String, Object> nd4j() {
        Map<String, Object> section = Report.section();
        section.put("blasVendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        if (Nd4j.getEnvironment().isCPU()) {
            section.put("blas", blas());
        }
        section.put("dataType", String.valueOf(Nd4j.dataType()));
        section.put("javacppPlatform", Loader.getPlatform());
        if (Nd4j.getEnvironment().isCPU()) {
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            section.put("nativeBinary", binaryLevel(ops.binaryLevel()));
            section.put("cpuSupports", binaryLevel(ops.optimalLevel()));
        }
        return section;
    }

    /** Which OpenBLAS runs ND4J's matrix products, its kernels for this CPU, and why. */
    private static Map<String, Object> blas() {
        OpenBlas.Status status = OpenBlas.preload();
        Map<String, Object> section = Report.section();
        section.put("library", status.library());
        section.put("kernels", status.kernels());
        section.put("why", status.why());
        section.put("file", status.path() != null ? status.path()
                : OpenBlas.loadedLibrary("libopenblas.so.0").orElse("unknown"));
        section.put("OPENBLAS_CORETYPE", variable("OPENBLAS_CORETYPE"));
        return section;
    }

    /** An environment variable's value as the report shows it: "unset" when it is not set (not Java's "null"). */
    static String variable(String name) {
        String value = System.getenv(name);
        return value == null ? "unset" : value;
    }

    /** ND4J's binary levels: 3 AVX-512, 2 AVX2, else generic (its {@code CpuNDArrayFactory} names them alike). */
    static String binaryLevel(int level) {
        return switch (level) {
            case 3 -> "AVX-512";
            case 2 -> "AVX2";
            default -> "generic x86-64";
        };
    }

    private static Map<String, Object> threads() {
        Threads.Setting setting = Threads.tune();
        Map<String, Object> section = Report.section();
        section.put("openMp", setting.openMpThreads());
        section.put("blas", setting.blasThreads());
        section.put("source", setting.source());
        section.put("OMP_NUM_THREADS", variable("OMP_NUM_THREADS"));
        String engine = System.getenv(Threads.ENGINE_THREADS);
        section.put("engineBlas", Threads.engineThreads() + (engine == null || engine.isBlank()
                ? " (dlkit's engine: every available processor; " + Threads.ENGINE_THREADS + " overrides)"
                : " (dlkit's engine: " + Threads.ENGINE_THREADS + "=" + engine.strip() + ")"));
        return section;
    }

    /** DL4J's default workspace modes, as a configuration built without setting them gets them. */
    private static Map<String, Object> workspaces() {
        MultiLayerConfiguration defaults = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(1).nOut(1).build()).build();
        Map<String, Object> section = Report.section();
        section.put("training", String.valueOf(defaults.getTrainingWorkspaceMode()));
        section.put("inference", String.valueOf(defaults.getInferenceWorkspaceMode()));
        return section;
    }

    private static Map<String, Object> memory() {
        Map<String, Object> section = Report.section();
        section.put("heapMax", gib(Runtime.getRuntime().maxMemory()) + " (-Xmx)");
        section.put("processMax", gib(Pointer.maxPhysicalBytes())
                + " (-Dorg.bytedeco.javacpp.maxphysicalbytes: heap + off-heap; ND4J's off-heap cap)");
        section.put("physicalMemory", gib(Pointer.totalPhysicalBytes()));
        return section;
    }

    private static String gib(long bytes) {
        return bytes <= 0 ? "no limit" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
