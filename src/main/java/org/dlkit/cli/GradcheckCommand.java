package org.dlkit.cli;

import org.deeplearning4j.util.ModelSerializer;
import org.dlkit.error.DlkitException;
import org.dlkit.TrainedClassifier;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.LabelledData;
import org.dlkit.data.TableOptions;
import org.dlkit.model.ModelDirectory;
import org.dlkit.autodiff.GraphDrawing;
import org.dlkit.autodiff.Tensor;
import org.dlkit.gradcheck.AutodiffNetwork;
import org.dlkit.gradcheck.CheckBatch;
import org.dlkit.gradcheck.CheckNetwork;
import org.dlkit.gradcheck.FiniteDifferenceSource;
import org.dlkit.gradcheck.GradientCheck;
import org.dlkit.gradcheck.GradientCheckOptions;
import org.dlkit.gradcheck.GradientCheckReport;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

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

    @Option(names = "--inputs", defaultValue = "4", description = "Input features of the MLP (default ${DEFAULT-VALUE}; "
            + "taken from --data when given).")
    int inputs;

    @Option(names = "--hidden", split = ",", defaultValue = "16,16", paramLabel = "N[,N...]",
            description = "Hidden layer widths (default ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--outputs", defaultValue = "3", description = "Outputs (default ${DEFAULT-VALUE}; the number of "
            + "classes of --data for mcxent).")
    int outputs;

    @Option(names = "--activation", defaultValue = "tanh",
            description = "Hidden activation: sigmoid, tanh, relu, leakyrelu, elu, softplus, softsign, identity "
                    + "(default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--loss", defaultValue = "mcxent",
            description = "Loss: mcxent (softmax output), xent (sigmoid), mse, l1 (identity) (default ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--init", defaultValue = "xavier", description = "Weight init: xavier, relu (He), ... (default "
            + "${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--l1", defaultValue = "0", description = "L1 penalty on the weights (default ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--l2", defaultValue = "0", description = "L2 penalty on the weights (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--data", paramLabel = "CSV",
            description = "CSV with a header, numeric feature columns and the label last (a class for mcxent).")
    Path data;

    @Option(names = "--rows", defaultValue = "5", description = "Mini-batch size: rows of --data or random rows "
            + "(default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", defaultValue = "12345", description = "Seed for the network and the random batch "
            + "(default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fd-limit", defaultValue = "1000",
            description = "Most parameters to finite-difference; a seeded subset above it (default ${DEFAULT-VALUE}).")
    int fdLimit;

    @Option(names = "--fd-of", defaultValue = "autodiff",
            description = "Finite differences of the 'autodiff' forward pass or of 'dl4j' score (default ${DEFAULT-VALUE}).")
    String fdOf;

    @Option(names = "--draw", paramLabel = "FILE",
            description = "Also draw the autodiff graph with values and gradients (.dot, or .svg/.png with Graphviz).")
    Path draw;

    @Override
    public Integer call() throws IOException {
        backend.start();
        DataNormalization normalizer = null;
        MultiLayerNetwork net;
        LabelledData csv;
        FeatureTransform transform = null;
        if (model != null && Files.isRegularFile(model.resolve(ModelDirectory.METADATA_FILE))) {
            TrainedClassifier trained = TrainedClassifier.load(model);
            net = trained.network();
            normalizer = trained.normalizer();
            transform = trained.transform();
            csv = data == null ? null : LabelledData.fromCsv(data, trained.info().labelName(),
                    trained.info().classNames(), TableOptions.DEFAULT.withMissingValues(transform.missingValues()));
        } else if (model != null) { // a plain DL4J model.zip, without dlkit's metadata
            Path zip = model.resolve(ModelDirectory.MODEL_FILE);
            if (!Files.isRegularFile(zip)) {
                throw new DlkitException("--model " + model + ": no model.zip in that directory");
            }
            try {
                net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            } catch (IOException | RuntimeException e) {
                throw new DlkitException(zip + ": not a readable DL4J model (" + e.getMessage() + ")", e);
            }
            csv = data == null ? null : LabelledData.fromCsv(data, null);
            transform = csv == null ? null : FeatureTransform.fit(csv, w -> { });
        } else {
            csv = data == null ? null : LabelledData.fromCsv(data, null);
            transform = csv == null ? null : FeatureTransform.fit(csv, w -> { });
            LossFunction lossFunction = parse(LossFunction.class, loss, "--loss");
            int nIn = csv == null ? inputs : transform.outputNames().size();
            int nOut = csv != null && lossFunction == LossFunction.MCXENT ? csv.numClasses() : outputs;
            net = CheckNetwork.builder().inputs(nIn).hidden(hidden).outputs(nOut)
                    .activation(parse(Activation.class, activation, "--activation"))
                    .loss(lossFunction).weightInit(parse(WeightInit.class, init, "--init"))
                    .l1(l1).l2(l2).seed(seed).build();
        }
        DataSet batch = csv == null ? CheckBatch.random(net, rows, seed) : batch(csv, transform, net);
        if (normalizer != null) {
            normalizer.preProcess(batch);
        }
        GradientCheckOptions options = GradientCheckOptions.defaults().withFiniteDifferenceLimit(fdLimit).withSeed(seed)
                .withFiniteDifferenceSource(switch (fdOf.toLowerCase(Locale.ROOT)) {
                    case "autodiff" -> FiniteDifferenceSource.AUTODIFF_FORWARD;
                    case "dl4j" -> FiniteDifferenceSource.DL4J_SCORE;
                    default -> throw new DlkitException("--fd-of must be autodiff or dl4j; got " + fdOf);
                });
        GradientCheckReport report = GradientCheck.of(net, batch.getFeatures(), batch.getLabels(), options);
        spec.commandLine().getOut().println(report);
        if (draw != null) {
            AutodiffNetwork autodiff = AutodiffNetwork.of(net);
            var objective = autodiff.objective(Tensor.of(batch.getFeatures().toDoubleMatrix()),
                    Tensor.of(batch.getLabels().toDoubleMatrix()));
            objective.backward();
            GraphDrawing.render(objective, draw);
            spec.commandLine().getOut().println("graph drawn to " + draw);
        }
        return report.passed() ? 0 : 1;
    }

    /**
     * The first {@code --rows} rows, labels shaped for the network's output layer: one-hot classes for a softmax
     * (MCXENT) output, the label's value for a single other output.
     */
    private DataSet batch(LabelledData csv, FeatureTransform transform, MultiLayerNetwork net) {
        int nOut = AutodiffNetwork.of(net).outputs();
        var outputLayer = net.getOutputLayer().conf().getLayer();
        boolean classification = outputLayer instanceof BaseOutputLayer out && out.getLossFn() instanceof LossMCXENT
                || outputLayer instanceof LossLayer out2 && out2.getLossFn() instanceof LossMCXENT;
        if (classification && csv.numClasses() != nOut) {
            throw new DlkitException(data + ": " + csv.numClasses() + " classes in the label column but the network has "
                    + nOut + " outputs");
        }
        if (!classification && nOut != 1) {
            throw new DlkitException(data + ": one label column cannot fill " + nOut + " non-softmax outputs");
        }
        LabelledData first = csv.rows(IntStream.range(0, Math.min(rows, csv.numExamples())).toArray());
        DataSet encoded = transform.dataSet(first, DataType.DOUBLE, w -> { }).data();
        if (classification) {
            return encoded;
        }
        double[][] y = new double[first.numExamples()][1];
        int[] labels = first.labels();
        for (int r = 0; r < y.length; r++) {
            String value = first.classNames().get(labels[r]);
            try {
                y[r][0] = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new DlkitException(data + ": label '" + value + "' is not a number; a " + nOut
                        + "-output regression loss needs numeric labels");
            }
        }
        return new DataSet(encoded.getFeatures(), Nd4j.create(y));
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
