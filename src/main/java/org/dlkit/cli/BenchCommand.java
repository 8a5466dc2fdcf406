package org.dlkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.dlkit.backend.BenchSettings;
import org.dlkit.backend.Selection;
import org.dlkit.engine.Device;
import org.dlkit.engine.EngineBench;
import org.dlkit.engine.EngineChoice;
import org.dlkit.backend.Threads;
import org.dlkit.backend.Throughput;
import org.dlkit.bench.BenchTable;
import org.dlkit.bench.Benchmark;
import org.dlkit.error.DlkitException;
import org.dlkit.model.AtomicFiles;
import org.dlkit.model.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlkit bench}: the benchmark harness (Classifier vs plain DL4J with SGD and Adam, the SGEMM ceiling, training
 * GFLOP/s as a share of it, CSV MB/s, the iris CLI wall time), or with {@code --throughput} the examples/s of the
 * standard MLP on the chosen backend (card 8, CPU vs GPU).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark harness: the standard MLP 784-512-256-10 (batch 128, fp32) on a generated 10,000-row "
                + "CSV through Classifier and through plain DL4J (SGD and Adam), SGEMM 1024^3, training GFLOP/s as a "
                + "share of it, CSV load MB/s and the iris CLI wall time; a table, and JSON with --json. "
                + "--throughput: only training examples/s on the chosen backend (run it with --backend cpu and "
                + "--backend cuda to compare).")
public class BenchCommand implements Callable<Integer> {

    @Mixin
    private BackendOption backend;

    @Option(names = "--throughput", description = "Only the training throughput of the standard MLP (Adam, "
            + "synthetic data), as in card 8.")
    private boolean throughput;

    @Option(names = "--batch", split = ",", paramLabel = "N[,N...]",
            description = "--throughput and dlkit's engine: examples per step; a list measures each in turn "
                    + "(default: 128; 128,1024 on dlkit's engine on a GPU).")
    private int[] batches;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "--throughput: seconds measured (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "3",
            description = "--throughput: seconds of training before measuring (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10000",
            description = "Rows of the generated 784-feature CSV (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "6",
            description = "Epochs per training run; the first is a warm-up (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--sgemm-seconds", paramLabel = "SECONDS", defaultValue = "3",
            description = "Seconds of SGEMM measured (default: ${DEFAULT-VALUE}).")
    private double sgemmSeconds;

    @Option(names = "--no-cli", description = "Skip the iris CLI wall time.")
    private boolean noCli;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    private Path json;

    @Option(names = "--force", description = "Overwrite an existing --json file.")
    private boolean force;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of weights and data (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--engine", paramLabel = "dl4j|dlkit", converter = TrainCommand.EngineConverter.class,
            description = "Who trains: dl4j (default) or dlkit's own engine (on the GPU with --backend cuda). "
                    + "--backend cuda alone uses dlkit's engine where ND4J's CUDA backend cannot run.")
    private EngineChoice.Engine engine;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (json != null) {
            AtomicFiles.checkWritable(json, force);
        }
        EngineChoice chosen = backend.start(engine);
        refuseOptionsThisBenchmarkIgnores(!throughput && !chosen.dlkit());
        int[] sizes = BenchSettings.batches(batches, chosen.dlkit() && chosen.cuda(), seconds, warmup);
        if (chosen.dlkit()) {
            return engineBench(chosen, sizes);
        }
        Selection selection = backend.started();
        Threads.Setting threads = Threads.tune();
        PrintWriter out = spec.commandLine().getOut();
        if (throughput) {
            out.println("backend      " + selection.value());
            out.println("threads      " + threads.line());
            for (int size : sizes) {
                Throughput.Result result = Throughput.measure(size, seconds, warmup, seed);
                printMeasured(out, "fp32", size, "synthetic data", result.steps(), result.seconds(),
                        result.examplesPerSecond());
            }
            return 0;
        }
        String home = System.getProperty("dlkit.home");
        Map<String, Object> report = Benchmark.run(new Benchmark.Settings(rows, epochs, seed, sgemmSeconds,
                noCli || home == null ? null : Path.of(home)), threads);
        // --json -: standard output gets the JSON alone, the table goes to standard error
        PrintWriter table = AtomicFiles.isStandardOutput(json) ? spec.commandLine().getErr() : out;
        table.println("backend            " + selection.value());
        table.print(BenchTable.text(report));
        table.flush();
        if (json != null) {
            AtomicFiles.writeText(json, force, out, w -> Json.write(w, report));
        }
        return 0;
    }

    /** The options of the full benchmark, and those of a throughput measurement (--throughput, dlkit's engine). */
    private static final List<String> FULL_OPTIONS = List.of("--rows", "--epochs", "--sgemm-seconds", "--no-cli",
            "--json");
    private static final List<String> THROUGHPUT_OPTIONS = List.of("--batch", "--seconds", "--warmup");

    /** An option the benchmark that runs would ignore is refused, naming which benchmark it belongs to. */
    private void refuseOptionsThisBenchmarkIgnores(boolean full) {
        (full ? THROUGHPUT_OPTIONS : FULL_OPTIONS).stream()
                .filter(spec.commandLine().getParseResult()::hasMatchedOption).findFirst().ifPresent(o -> {
                    throw new DlkitException(o + (full
                            ? " applies to --throughput and to dlkit's engine benchmark (--engine dlkit), not to the "
                            + "full benchmark; leave it out or add --throughput"
                            : " applies to the full benchmark, not to " + (throughput ? "--throughput"
                            : "dlkit's engine benchmark") + " (which prints examples/s only); leave it out"));
                });
    }

    private int engineBench(EngineChoice chosen, int[] sizes) {
        if (!chosen.cuda()) {
            Threads.tune(); // ND4J's own threads; the device line says the engine's BLAS threads
        }
        try (Device device = chosen.open()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("engine       " + chosen.line());
            out.println("device       " + device.description());
            for (int size : sizes) {
                EngineBench.Result result = EngineBench.measure(device, size, seconds, warmup, seed);
                printMeasured(out, device.doublePrecision() ? "fp64" : "fp32", size, "synthetic data on the device",
                        result.steps(), result.seconds(), result.examplesPerSecond());
            }
        }
        return 0;
    }

    /** The model, steps and examples/s lines of a throughput measurement, DL4J's or the engine's. */
    private void printMeasured(PrintWriter out, String precision, int batch, String data, long steps,
                               double measured, double examplesPerSecond) {
        out.println("model        MLP 784-512-256-10, " + precision + ", Adam, batch " + batch + ", " + data
                + " (seed " + seed + ")");
        out.printf(Locale.ROOT, "measured     %d steps in %.1f s after %.1f s of warm-up%n", steps, measured, warmup);
        out.printf(Locale.ROOT, "examples/s   %.0f%n", examplesPerSecond);
        out.flush();
    }
}
