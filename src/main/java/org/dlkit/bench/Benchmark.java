package org.dlkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dlkit.backend.OpenBlas;
import org.dlkit.backend.Sgemm;
import org.dlkit.backend.Threads;
import org.dlkit.backend.Throughput;
import org.dlkit.data.LabelledData;
import org.dlkit.engine.Device;
import org.dlkit.engine.Devices;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@code dlkit bench}, one run, every number measured in it: (a) the standard MLP 784-512-256-10, batch 128, fp32,
 * trained through {@code Classifier} held to DL4J's fit loop and a plain DL4J loop, and through {@code Classifier} with
 * its defaults (dlkit's engine on the float CPU device) and a plain loop on that engine, with SGD and with Adam
 * ({@link FitComparison}); (b) SGEMM 1024³, the ceiling ({@link Sgemm}), at DL4J's BLAS threads and at the engine's
 * ({@link Threads#engineThreads()}); (c) training GFLOP/s = 6 × parameters × examples/s (forward 2, backward 4 FLOPs
 * per parameter and example) as a share of the ceiling at the thread count that way of training runs on; (d) CSV loading through
 * {@code LabelledData.fromCsv} in MB/s, cold (the JVM's first load) and warm, and the heap the table holds against its
 * float32 data; (e) the wall time of {@code bin/dlkit train} on iris (the second of two runs, the first beside it).
 */
public final class Benchmark {

    /**
     * What to run.
     *
     * @param rows        rows of the generated job CSV (10,000 in the standard job)
     * @param epochs      epochs per training run (the first of each run is left out of the speeds)
     * @param seed        seed of the data, splits and weights
     * @param sgemmSeconds seconds of SGEMM measured (after a third as much warm-up)
     * @param home        dlkit's folder (for bin/dlkit and datasets/iris.csv), null to skip (e)
     */
    public record Settings(int rows, int epochs, long seed, double sgemmSeconds, Path home) {
        public Settings {
            if (!(sgemmSeconds > 0)) {
                throw new DlkitException("--sgemm-seconds: expected a positive time, got " + sgemmSeconds);
            }
            if (rows < 100) {
                throw new DlkitException("--rows: expected at least 100 rows, got " + rows);
            }
            long heap = Runtime.getRuntime().maxMemory();
            if ((double) rows * HEAP_BYTES_PER_ROW > heap) {
                throw new DlkitException(String.format(Locale.ROOT, "--rows %d: the loaded table and its training "
                        + "copy need about %.1f GiB of heap, more than this JVM's %.1f GiB; use fewer rows or give "
                        + "Java more memory (DLKIT_JAVA_OPTS=-Xmx...)", rows, (double) rows * HEAP_BYTES_PER_ROW / GIB,
                        heap / GIB));
            }
            if (epochs < 2) {
                throw new DlkitException("--epochs: expected at least 2 (the first is a warm-up), got " + epochs);
            }
        }
    }

    /** Bytes of the generated CSV per row: 784 integers 0-255, mostly 0 (17.7 MB per 10,000 rows), rounded up. */
    static final long CSV_BYTES_PER_ROW = 1_900;
    /** Heap per loaded row: its float32 features, held by the table and again by the training rows. */
    static final long HEAP_BYTES_PER_ROW = 2L * JobCsv.FEATURES * Float.BYTES;
    private static final double GIB = 1024.0 * 1024 * 1024;

    private Benchmark() {
    }

    /**
     * Runs everything in a scratch folder (the CSV, checkpoints, the iris model) deleted afterwards; ND4J must have
     * started, with its threads tuned, on the calling thread.
     */
    public static Map<String, Object> run(Settings settings, Threads.Setting threads) {
        Path work;
        try {
            work = Files.createTempDirectory("dlkit-bench");
        } catch (IOException e) {
            throw new DlkitException("cannot create a scratch folder for the benchmark: " + e.getMessage(), e);
        }
        try {
            long free = Files.getFileStore(work).getUsableSpace();
            if ((double) settings.rows() * CSV_BYTES_PER_ROW > free) {
                throw new DlkitException(String.format(Locale.ROOT, "--rows %d: the generated CSV needs about %.1f GiB,"
                        + " more than the %.1f GiB free in %s; use fewer rows", settings.rows(),
                        (double) settings.rows() * CSV_BYTES_PER_ROW / GIB, free / GIB, work.getParent()));
            }
            return run(settings, threads, work);
        } catch (IOException e) {
            throw new DlkitException("cannot read the free space of " + work + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static Map<String, Object> run(Settings settings, Threads.Setting threads, Path work) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("machine", machine(threads));
        double ceiling = Sgemm.gflops(settings.sgemmSeconds(), settings.sgemmSeconds() / 3, settings.seed());
        report.put("sgemm1024Gflops", round(ceiling));
        // dlkit's engine runs its products on its own BLAS thread count: its ceiling is SGEMM at that count
        int engineThreads = Threads.engineThreads();
        double engineCeiling;
        try (Device device = Devices.cpuFloat(engineThreads)) {
            engineCeiling = Sgemm.gflops(settings.sgemmSeconds(), settings.sgemmSeconds() / 3, settings.seed());
        }
        report.put("engineThreads", engineThreads);
        report.put("sgemm1024GflopsEngineThreads", round(engineCeiling));

        Path csv = JobCsv.write(work.resolve("job.csv"), settings.rows(), settings.seed());
        Map<String, Object> csvSection = new LinkedHashMap<>();
        LabelledData data = csvLoad(csv, csvSection);
        report.put("csv", csvSection);

        long parameters = Throughput.standardParameters();
        List<Object> training = new ArrayList<>();
        for (IUpdater updater : List.of(new Sgd(0.01), new Adam(1e-3))) {
            FitComparison.Result result = FitComparison.measure(data, updater, settings.epochs(), settings.seed(),
                    work);
            training.add(training(result, parameters, ceiling, engineCeiling));
        }
        report.put("parameters", parameters);
        report.put("training", training);
        CliWallTime.Result iris = settings.home() == null ? CliWallTime.Result.notMeasured("not measured")
                : CliWallTime.iris(settings.home(), work);
        Map<String, Object> cli = new LinkedHashMap<>();
        cli.put("irisTrainSeconds", round(iris.seconds()));
        cli.put("irisTrainSecondsFirstRun", round(iris.firstSeconds()));
        cli.put("command", iris.note());
        report.put("cli", cli);
        return report;
    }

    private static Map<String, Object> machine(Threads.Setting threads) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("blas", OpenBlas.preload().line());
        machine.put("threads", threads.line());
        for (String name : List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS")) {
            String value = System.getenv(name);
            machine.put(name, value == null ? "unset" : value);
        }
        machine.put("java", System.getProperty("java.version"));
        return machine;
    }

    /** Warm loads of the job CSV after the cold one; their median is the warm speed. */
    private static final int WARM_LOADS = 3;

    /**
     * Loads {@code csv} once cold (the first {@code LabelledData.fromCsv} in this JVM: what a user's command sees) and
     * {@link #WARM_LOADS} times warm, and measures the heap the loaded table holds against its float32 data; puts the
     * MB/s ({@code loadMBps}: cold, then the warm median) and that ratio into {@code section}.
     */
    private static LabelledData csvLoad(Path csv, Map<String, Object> section) {
        long bytes;
        try {
            bytes = Files.size(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        section.put("file", "generated: " + settings(csv));
        section.put("megabytes", round(bytes / 1e6));
        double[] seconds = new double[1 + WARM_LOADS];
        LabelledData data = null;
        for (int run = 0; run < seconds.length; run++) {
            data = null;
            long start = System.nanoTime();
            data = LabelledData.fromCsv(csv, JobCsv.LABEL);
            seconds[run] = (System.nanoTime() - start) / 1e9;
        }
        double[] warm = java.util.Arrays.copyOfRange(seconds, 1, seconds.length);
        java.util.Arrays.sort(warm);
        double cold = round(bytes / 1e6 / seconds[0]);
        double warmMedian = round(bytes / 1e6 / warm[warm.length / 2]);
        section.put("coldMBps", cold);
        section.put("warmMBps", warmMedian);
        section.put("warmLoads", WARM_LOADS);
        section.put("loadMBps", List.of(cold, warmMedian));
        data = null;
        long before = usedAfterGc();
        data = LabelledData.fromCsv(csv, JobCsv.LABEL);
        long held = usedAfterGc() - before;
        long float32 = (long) data.numExamples() * (data.featureNames().size() + 1) * Float.BYTES;
        section.put("heldOverFloat32", round((double) held / float32));
        return data;
    }

    /** Heap in use after a full collection. */
    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String settings(Path csv) {
        return csv.getFileName() + ", " + JobCsv.FEATURES + " integer features 0-255, " + JobCsv.CLASSES + " classes";
    }

    private static Map<String, Object> training(FitComparison.Result result, long parameters, double ceiling,
                                                double engineCeiling) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("updater", result.updater());
        row.put("rowsPerEpoch", result.rows());
        row.put("defaultEngine", result.defaultEngine());
        row.put("classifierExamplesPerSecond", round(result.wrapperExamplesPerSecond()));
        row.put("plainExamplesPerSecond", round(result.plainExamplesPerSecond()));
        row.put("classifierOverPlain", round(result.ratio()));
        row.put("classifierOverPlainCpuTime", round(result.cpuRatio()));
        putGflops(row, "classifier", result.wrapperExamplesPerSecond(), parameters, ceiling);
        putGflops(row, "plain", result.plainExamplesPerSecond(), parameters, ceiling);
        engineWay(row, "engine", result.engineExamplesPerSecond(), result.engineCpu(), result, parameters,
                engineCeiling);
        engineWay(row, "engineLoop", result.engineLoopExamplesPerSecond(), result.engineLoopCpu(), result, parameters,
                engineCeiling);
        row.put("classifierEpochSeconds", rounded(result.wrapper()));
        row.put("plainEpochSeconds", rounded(result.plain()));
        row.put("classifierEpochCpuSeconds", rounded(result.wrapperCpu()));
        row.put("plainEpochCpuSeconds", rounded(result.plainCpu()));
        row.put("engineEpochSeconds", rounded(result.engine()));
        row.put("engineEpochCpuSeconds", rounded(result.engineCpu()));
        row.put("engineLoopEpochSeconds", rounded(result.engineLoop()));
        row.put("engineLoopEpochCpuSeconds", rounded(result.engineLoopCpu()));
        return row;
    }

    /** {@code prefix}ExamplesPerSecond, -OverPlain (wall and CPU time), -Gflops and -ShareOfSgemm of a dlkit-engine way. */
    private static void engineWay(Map<String, Object> row, String prefix, double examplesPerSecond, double[] cpu,
                                  FitComparison.Result result, long parameters, double ceiling) {
        row.put(prefix + "ExamplesPerSecond", round(examplesPerSecond));
        row.put(prefix + "OverPlain", round(examplesPerSecond / result.plainExamplesPerSecond()));
        row.put(prefix + "OverPlainCpuTime", round(FitComparison.median(result.plainCpu()) / FitComparison.median(cpu)));
        putGflops(row, prefix, examplesPerSecond, parameters, ceiling);
    }

    /**
     * {@code prefix}Gflops = 6 × parameters × examples/s / 10⁹ (forward 2, backward 4 FLOPs per parameter and
     * example) and {@code prefix}ShareOfSgemm = that / {@code ceiling}.
     */
    private static void putGflops(Map<String, Object> row, String prefix, double examplesPerSecond, long parameters,
                                  double ceiling) {
        double gflops = 6.0 * parameters * examplesPerSecond / 1e9;
        row.put(prefix + "Gflops", round(gflops));
        row.put(prefix + "ShareOfSgemm", round(gflops / ceiling));
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a scratch folder left in the temporary directory is harmless
        }
    }

    private static List<Double> rounded(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(round(v));
        }
        return list;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Double.parseDouble(String.format(Locale.ROOT, "%.4g", v)) : Double.NaN;
    }
}
