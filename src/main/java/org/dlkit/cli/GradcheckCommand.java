package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.dlkit.autodiff.GraphDrawing;
import org.dlkit.data.LabelledData;
import org.dlkit.gradcheck.AutodiffNetwork;
import org.dlkit.gradcheck.CheckBatch;
import org.dlkit.gradcheck.CheckInput;
import org.dlkit.gradcheck.CheckNetwork;
import org.dlkit.gradcheck.FiniteDifferenceSource;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.gradcheck.GradientCheck;
import org.dlkit.gradcheck.GradientCheckOptions;
import org.dlkit.gradcheck.GradientCheckReport;
import org.dlkit.model.AtomicFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dlkit.activation.Activations;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dlkit gradcheck}: the three-way gradient check (autodiff vs DL4J backprop vs finite differences) of a saved
 * model or of an MLP described by options, on the first rows of a CSV or on a random mini-batch. Prints the report;
 * exit code 1 when the check fails.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check a network's gradients three ways: dlkit's autodiff engine vs DL4J's backprop vs central "
                + "finite differences; print the per-parameter report (exit code 1 on failure).")
public final class GradcheckCommand implements Callable<Integer> {

    @Mixin
    BackendOption backend;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "Model directory written by train (model.zip).")
    Path model;

    @Option(names = "--inputs", paramLabel = "N", defaultValue = "4", description = "Input features of the MLP (default ${DEFAULT-VALUE}; "
            + "taken from --data when given).")
    int inputs;

    @Option(names = "--hidden", split = ",", defaultValue = "16,16", paramLabel = "N[,N...]",
            description = "Hidden layer widths (default ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--outputs", paramLabel = "N", defaultValue = "3", description = "Outputs (default ${DEFAULT-VALUE}; the number of "
            + "classes of --data for mcxent).")
    int outputs;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "tanh",
            completionCandidates = CatalogueNames.AllActivations.class,
            description = "Hidden activation from the catalogue: ${COMPLETION-CANDIDATES} (prelu at a fixed a) "
                    + "(default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "mcxent",
            description = "Loss: mcxent (softmax output), xent (sigmoid), mse, l1 (identity) (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "xavier", description = "Weight init: a name train's --weight-init takes (xavier, he, "
            + "lecun, zero, small_random, ...) or DL4J's (relu, lecun_normal) (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--l1", paramLabel = "C", defaultValue = "0", description = "L1 penalty on the weights (default ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--l2", paramLabel = "C", defaultValue = "0", description = "L2 penalty on the weights (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--data", paramLabel = "CSV",
            description = "CSV with a header, numeric feature columns and the label last (a class for mcxent).")
    Path data;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "5", description = "Mini-batch size: rows of --data or random rows "
            + "(default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "12345", description = "Seed for the network and the random batch "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fd-limit", paramLabel = "N", defaultValue = "1000",
            description = "Most parameters to finite-difference; a seeded subset above it (default ${DEFAULT-VALUE}).")
    int fdLimit;

    @Option(names = "--fd-of", paramLabel = "autodiff|dl4j", defaultValue = "autodiff",
            description = "Finite differences of the 'autodiff' forward pass or of 'dl4j' score (default ${DEFAULT-VALUE}).")
    String fdOf;

    @Option(names = "--draw", paramLabel = "FILE",
            description = "Also draw the autodiff graph with values and gradients (.dot, or .svg/.png/.pdf with "
                    + "Graphviz).")
    Path draw;

    @Option(names = "--force", description = "Overwrite --draw FILE if it exists.")
    boolean force;

    /** The options that describe a network to build; a saved --model is checked as it is. */
    private static final List<String> NETWORK_OPTIONS = List.of("--inputs", "--hidden", "--outputs", "--activation",
            "--loss", "--init", "--l1", "--l2");

    @Override
    public Integer call() {
        checkOptions();
        backend.start();
        CheckInput input;
        LabelledData csv = null;
        if (model != null) {
            input = OptionErrors.named("--model", () -> CheckInput.ofModel(model));
        } else {
            CheckNetwork.Builder builder = CheckNetwork.builder().inputs(inputs).hidden(hidden).outputs(outputs)
                    .activation(OptionErrors.named("--activation", () -> Activations.get(activation)))
                    .loss(parse(LossFunction.class, loss, "--loss")).l1(l1).l2(l2).seed(seed);
            weightInit(builder);
            if (data != null) {
                csv = LabelledData.fromCsv(data, null);
                builder.fitting(csv);
            }
            input = CheckInput.of(builder.build());
        }
        MultiLayerNetwork net = input.network();
        OptionErrors.named("--rows", () -> CheckBatch.requireRows(rows));
        DataSet batch = data == null ? CheckBatch.random(net, rows, seed)
                : input.rows(csv != null ? csv : input.read(data), rows);
        GradientCheckOptions options = OptionErrors.named("--fd-limit",
                        () -> GradientCheckOptions.defaults().withFiniteDifferenceLimit(fdLimit)).withSeed(seed)
                .withFiniteDifferenceSource(OptionErrors.named("--fd-of", () -> FiniteDifferenceSource.of(fdOf)));
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(), options);
        spec.commandLine().getOut().println(report);
        if (draw != null) {
            AutodiffNetwork.of(net).draw(batch.getFeatures(), batch.getLabels(), draw);
            spec.commandLine().getOut().println("graph drawn to " + draw);
        }
        return report.passed() ? 0 : 1;
    }

    /** Conflicting options and an unusable --draw file are refused before anything is computed. */
    private void checkOptions() {
        InputOptions.checkKinds(data, null);
        if (model != null) {
            NETWORK_OPTIONS.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).findFirst()
                    .ifPresent(o -> {
                        throw new DlkitException(o + " describes a new network, but --model checks the saved one as "
                                + "it is; leave " + o + " out, or --model");
                    });
        }
        if (draw != null) {
            Path name = draw.getFileName();   // null for a root such as "/"
            if (name == null || !name.toString().contains(".")
                    || !GraphDrawing.FORMATS.contains(GraphDrawing.formatOf(draw))) {
                throw new DlkitException("--draw " + draw + ": expected a file ending in ."
                        + String.join(", .", GraphDrawing.FORMATS));
            }
            AtomicFiles.checkWritable(draw, force);
        }
    }

    /** dlkit's weight-init names first, as train --weight-init takes them; then DL4J's WeightInit names. */
    private void weightInit(CheckNetwork.Builder builder) {
        try {
            builder.weightInit(WeightInitStrategy.get(init));
        } catch (DlkitException notDlkits) {
            WeightInit dl4j = Arrays.stream(WeightInit.values()).filter(w -> w.name().equalsIgnoreCase(init.trim()))
                    .findFirst().orElseThrow(() -> new DlkitException("--init: " + notDlkits.getMessage()
                            + " (or a DL4J WeightInit name such as relu)"));
            OptionErrors.named("--init", () -> builder.weightInit(dl4j));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DlkitException(option + ": unknown value '" + value + "'; one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
