package org.dlkit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.dlkit.backend.Selection;
import org.dlkit.engine.Device;
import org.dlkit.engine.EngineBench;
import org.dlkit.engine.EngineChoice;
import org.dlkit.backend.Threads;
import org.dlkit.backend.Throughput;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlkit bench [--backend ...] [--batch 128] [--seconds 10]}: training examples/s, card 8 (CPU vs GPU). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training throughput (examples/s) of the standard MLP 784-512-256-10 (fp32, Adam, synthetic "
                + "seeded data) on the chosen backend: run it with --backend cpu and --backend cuda to compare.")
public class BenchCommand implements Callable<Integer> {

    @Mixin
    private BackendOption backend;

    @Option(names = "--batch", defaultValue = "128", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--warmup", defaultValue = "3",
            description = "Seconds of training before measuring (default: ${DEFAULT-VALUE}).")
    private double warmup;

    @Option(names = "--seed", defaultValue = "42",
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
        EngineChoice chosen = backend.start(engine);
        if (chosen.dlkit()) {
            return engineBench(chosen);
        }
        Selection selection = backend.started();
        Threads.Setting threads = Threads.tune();
        Throughput.Result result = Throughput.measure(batch, seconds, warmup, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.println("backend      " + selection.line());
        out.println("threads      " + threads.line());
        out.println("model        MLP 784-512-256-10, fp32, Adam, batch " + batch + ", synthetic data (seed " + seed
                + ")");
        out.printf("measured     %d steps in %.1f s after %.1f s of warm-up%n", result.steps(), result.seconds(),
                warmup);
        out.printf("examples/s   %.0f%n", result.examplesPerSecond());
        out.flush();
        return 0;
    }

    private int engineBench(EngineChoice chosen) {
        try (Device device = chosen.open()) {
            EngineBench.Result result = EngineBench.measure(device, batch, seconds, warmup, seed);
            PrintWriter out = spec.commandLine().getOut();
            out.println("backend      " + chosen.line());
            out.println("device       " + device.description());
            out.println("model        MLP 784-512-256-10, " + (device.doublePrecision() ? "fp64" : "fp32")
                    + ", Adam, batch " + batch + ", synthetic data on the device (seed " + seed + ")");
            out.printf("measured     %d steps in %.1f s after %.1f s of warm-up%n", result.steps(), result.seconds(),
                    warmup);
            out.printf("examples/s   %.0f%n", result.examplesPerSecond());
            out.flush();
        }
        return 0;
    }
}
