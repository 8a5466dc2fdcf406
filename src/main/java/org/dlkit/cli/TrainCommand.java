package org.dlkit.cli;

import org.dlkit.Classifier;
import org.dlkit.error.DlkitException;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.LabelledData;
import org.dlkit.engine.EngineChoice;
import org.dlkit.model.ModelDirectory;
import org.dlkit.supervise.LiveUi;
import org.dlkit.train.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code dlkit train}: the course's pipeline on a CSV, from data to a saved, evaluated, supervised model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier on a CSV (a header row and a label column; numbers, text categories, "
                + "booleans, missing cells, ID and date columns are handled: see --categorical, --missing) or on an "
                + "image folder (--images), evaluate it on held-out rows and save the model directory.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Mixin
    InputOptions input;

    @Mixin
    ReadOptions read;

    @Option(names = "--out", paramLabel = "DIR", description = "Model directory to create (default: a new one under models/).")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists (and an interrupted run's DIR.partial).")
    boolean force;

    @Option(names = "--print-config", description = "Print the DL4J configuration (JSON) before training.")
    boolean printConfig;

    @Option(names = "--checkpoint-every", paramLabel = "EPOCHS", defaultValue = "5",
            description = "Write a checkpoint into DIR.partial/checkpoints every this many epochs (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--keep-checkpoints", paramLabel = "N", defaultValue = "3",
            description = "Newest checkpoints kept (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    @Option(names = "--diagnostics-every", paramLabel = "ITERATIONS", defaultValue = "10",
            description = "Per-layer diagnostics (dead ReLUs, saturation, vanishing gradients, update sizes) every "
                    + "this many iterations (default: ${DEFAULT-VALUE}; 0: off).")
    int diagnosticsEvery;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the interrupted run into DIR (its --out) from its last checkpoint, with the "
                    + "options it was started with; only --ui, --ui-port, --ui-exit, --backend and --print-config "
                    + "may be added (any other option is refused).")
    Path resume;

    @Option(names = "--ui", description = "Serve DL4J's training UI while training and afterwards, until Ctrl-C.")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "9000",
            description = "Port of the training UI (default: ${DEFAULT-VALUE}; 0: any free port, printed with the UI's "
                    + "address; DL4J listens on all interfaces).")
    int uiPort;

    @Option(names = "--ui-exit", description = "With --ui: exit when training ends instead of serving until Ctrl-C.")
    boolean uiExit;

    @Mixin
    NetworkOptions network;

    @Option(names = "--engine", paramLabel = "auto|dl4j|dlkit", converter = EngineConverter.class,
            description = "Who trains: auto (default: dlkit's engine when it trains the network and nothing needs "
                    + "DL4J's fit loop, such as --ui or Spark, else DL4J; with --backend auto on a GPU dlkit's engine "
                    + "can use where ND4J's CUDA backend cannot run, else on the CPU), dl4j, or dlkit (on the GPU "
                    + "with --backend cuda, else on the CPU). --backend cuda under auto uses dlkit's engine where "
                    + "ND4J's CUDA backend cannot run; --backend cpu keeps everything on the CPU. The engine line "
                    + "says which trains, where and why; --resume keeps the device the run trained on.")
    EngineChoice.Engine engine;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        if (resume != null) {
            refuseOptionsResumeCannotApply();
            return resumed(RunDirectory.resume(resume), console);
        }
        Path dir = this.out != null ? this.out : ModelPaths.newModelDirectory(input.source());
        ModelDirectory.checkWritable(dir, force);
        Classifier.Builder builder = builder();
        builder.engine(withoutUi(backend.start(engine))); // before the data: reading images starts ND4J
        LabelledData rows = input.load(read);
        // this command's own arguments: those after the subcommand's name, without the top command's --verbose
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> arguments = all.subList(all.indexOf(spec.name()) + 1, all.size()).stream()
                .filter(a -> !a.equals("--verbose")).toList();
        RunDirectory run = RunDirectory.start(dir, force, arguments, Path.of("").toAbsolutePath());
        run.recordInput(input.source());
        return train(run, builder, rows, false, console);
    }

    /**
     * The options {@code --resume} applies to the resumed run (how it is watched and where it runs); the rest of the
     * run's settings are those it was started with, so any other option would be ignored and is refused instead.
     */
    private static final Set<String> APPLIED_ON_RESUME = Set.of("--resume", "--ui", "--ui-port", "--ui-exit",
            "--backend", "--print-config");

    private void refuseOptionsResumeCannotApply() {
        List<String> ignored = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName).filter(name -> !APPLIED_ON_RESUME.contains(name)).distinct().toList();
        if (!ignored.isEmpty()) {
            throw new DlkitException("--resume continues the interrupted run with the options it was started with and"
                    + " cannot apply " + String.join(", ", ignored) + "; resume without "
                    + (ignored.size() == 1 ? "it" : "them") + " (only " + String.join(", ",
                    APPLIED_ON_RESUME.stream().filter(o -> !o.equals("--resume")).sorted().toList())
                    + " may be added), or start a new run");
        }
    }

    /** Parses the interrupted run's own arguments and trains on from its last checkpoint. */
    private int resumed(RunDirectory run, PrintWriter console) throws InterruptedException {
        TrainCommand original = new TrainCommand();
        CommandLine cli = new CommandLine(original);
        cli.setErr(spec.commandLine().getErr()); // where the run's own --backend option says what it chose
        cli.parseArgs(run.arguments().toArray(String[]::new));
        original.spec = spec;
        original.ui |= ui;
        original.uiExit |= uiExit;
        original.printConfig |= printConfig;
        if (spec.commandLine().getParseResult().hasMatchedOption("--ui-port")) {
            original.uiPort = uiPort;
        }
        original.input.resolveAgainst(run.workingDirectory());
        console.println("resuming " + run.out() + " (" + String.join(" ", run.arguments()) + ")");
        run.inputChange(original.input.source()).ifPresent(change -> console.println("warning: " + change));
        Classifier.Builder builder = original.builder();
        // the backend the run was started with, unless this command names one
        BackendOption chosen = spec.commandLine().getParseResult().hasMatchedOption("--backend") ? backend
                : original.backend;
        builder.engine(original.withoutUi(chosen.start(original.engine)));
        LabelledData rows = original.input.load(original.read);
        return original.train(run, builder, rows, true, console);
    }

    /**
     * {@code chosen}, once it is clear that {@code --ui} would watch something: when dlkit's engine trains (on the GPU
     * with {@code --backend cuda}), DL4J's fit loop, which the live UI listens to, does not run.
     */
    private EngineChoice withoutUi(EngineChoice chosen) {
        if (ui && chosen.dlkit()) {
            throw new DlkitException("--ui cannot watch this run: dlkit's engine trains it (" + chosen.reason()
                    + "), and the live UI listens to DL4J's fit loop; leave --ui out (history.csv, loss.png and "
                    + "report.html show the run)");
        }
        return chosen;
    }

    /** The classifier's settings from the options, checked before anything is written. */
    private Classifier.Builder builder() {
        if (uiExit && !ui) {
            throw new DlkitException("--ui-exit needs --ui");
        }
        if (ui && spark.master != null) {
            throw new DlkitException("--ui cannot watch --spark training: the live UI listens to this JVM's fit loop, "
                    + "and with --spark the workers train; the history, loss.png and report.html show the run");
        }
        if (spark.master != null && diagnosticsEvery != 0
                && spec.commandLine().getParseResult().hasMatchedOption("--diagnostics-every")) {
            throw new DlkitException("--diagnostics-every " + diagnosticsEvery + " cannot watch --spark training: the "
                    + "per-layer diagnostics listen to this JVM's fit loop, and with --spark the workers train; leave "
                    + "the option out (or give 0)");
        }
        if (engine == EngineChoice.Engine.DLKIT && (ui || spark.master != null)) {
            throw new DlkitException("--engine dlkit cannot train with " + (ui ? "--ui: the live UI listens to"
                    : "--spark: Spark's workers train with") + " DL4J's fit loop; use --engine auto (the default) or "
                    + "--engine dl4j");
        }
        if (!ui && spec.commandLine().getParseResult().hasMatchedOption("--ui-port")) {
            throw new DlkitException("--ui-port needs --ui");
        }
        if (uiPort < 0 || uiPort > 65535) {
            throw new DlkitException("--ui-port " + uiPort + " is invalid; expected a port from 1 to 65535, or 0 for "
                    + "any free port");
        }
        if (checkpointEvery <= 0) {
            throw new DlkitException("--checkpoint-every " + checkpointEvery + " is invalid; expected a positive number of epochs");
        }
        Classifier.Builder builder = network.builder();
        OptionErrors.named("--diagnostics-every", () -> builder.diagnostics(diagnosticsEvery));
        OptionErrors.named("--keep-checkpoints", () -> builder.keepCheckpoints(keepCheckpoints));
        return spark.apply(builder);
    }

    /** Trains into {@code run}; a run that fails before its first checkpoint leaves nothing to resume behind. */
    private int train(RunDirectory run, Classifier.Builder builder, LabelledData rows, boolean resuming,
                      PrintWriter console) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Thread onInterrupt = new Thread(() -> {
            String message = run.stop();
            if (message != null) {
                err.println("dlkit: " + message);
                err.flush();
            }
        }, "dlkit-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return supervisedRun(run, builder.checkpoints(run.checkpoints(), checkpointEvery).resume(resuming), rows,
                    console);
        } catch (Throwable e) { // an exception or an error such as OutOfMemoryError; rethrown as it is
            run.abandonIfNoCheckpoint();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
                run.release();
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping (Ctrl-C): the hook runs and says what is left
            }
        }
    }

    private int supervisedRun(RunDirectory run, Classifier.Builder builder, LabelledData rows, PrintWriter console)
            throws InterruptedException {
        LiveUi live = ui ? LiveUi.start(uiPort) : null;
        if (live != null) {
            builder.listeners(live.listener());
            console.println("training UI: " + live.url() + " (DL4J listens on all interfaces, port " + live.port() + ")");
        }
        Classifier classifier = builder.build();
        if (printConfig) {
            console.println(classifier.explain(rows).configuration().toJson());
        }
        TrainedClassifier model = classifier.fit(rows, new ConsoleObserver(console));
        console.println();
        console.print(model.evaluation().table());
        model.save(run.out(), force);
        run.finish();
        console.println();
        console.println("model saved to " + run.out() + " (" + ModelDirectory.MODEL_FILE + ", "
                + ModelDirectory.METADATA_FILE + ", history, charts, report.html)");
        if (live != null && !uiExit) {
            console.println("training UI still at " + live.url() + "; press Ctrl-C to stop");
            console.flush();
            live.awaitShutdown();
        }
        return 0;
    }

    static final class EngineConverter implements CommandLine.ITypeConverter<EngineChoice.Engine> {
        @Override
        public EngineChoice.Engine convert(String value) {
            try {
                return EngineChoice.Engine.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected auto, dl4j or dlkit, got '" + value + "'");
            }
        }
    }
}
