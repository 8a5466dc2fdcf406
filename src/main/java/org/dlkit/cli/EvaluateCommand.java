package org.dlkit.cli;

import org.dlkit.TrainedClassifier;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.AtomicFiles;
import org.dlkit.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dlkit evaluate}: a saved model's metrics on a labelled CSV. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on a labelled CSV or image folder: accuracy, macro F1, per-class metrics, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory written by train.")
    Path model;

    @Mixin
    InputOptions input;

    @Mixin
    IgnoreOption ignore;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the metrics as JSON.")
    Path json;

    @Option(names = "--force", description = "Overwrite --json if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> leftOut = ignore.columns();
        input.checkOneSource(leftOut);
        if (json != null) {
            AtomicFiles.checkWritable(json, force);
        }
        backend.start();
        TrainedClassifier classifier = TrainedClassifier.load(model);
        PrintWriter err = spec.commandLine().getErr();
        EvaluationReport report = input.evaluate(classifier, leftOut, w -> err.println("warning: " + w));
        // --json -: standard output gets the JSON alone, the table goes to standard error
        boolean jsonToOut = AtomicFiles.isStandardOutput(json);
        (jsonToOut ? err : out).print(report.table());
        if (json != null) {
            AtomicFiles.writeText(json, force, out, w -> Json.write(w, report.toMap()));
            if (!jsonToOut) {
                out.println("metrics written to " + json);
            }
        }
        return 0;
    }
}
