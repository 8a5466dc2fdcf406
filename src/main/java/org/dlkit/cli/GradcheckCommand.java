package org.dlkit.cli;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.dlkit.DlkitException;
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
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
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
        List<String[]> csv = data == null ? null : readCsv(data);
        if (model != null) {
            Path zip = model.resolve("model.zip");
            if (!Files.isRegularFile(zip)) {
                throw new DlkitException("--model " + model + ": no model.zip in that directory");
            }
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            normalizer = ModelSerializer.restoreNormalizerFromFile(zip.toFile());
        } else {
            LossFunction lossFunction = parse(LossFunction.class, loss, "--loss");
            int nIn = csv == null ? inputs : csv.get(0).length - 1;
            int nOut = csv != null && lossFunction == LossFunction.MCXENT ? classes(csv).size() : outputs;
            net = CheckNetwork.builder().inputs(nIn).hidden(hidden).outputs(nOut)
                    .activation(parse(Activation.class, activation, "--activation"))
                    .loss(lossFunction).weightInit(parse(WeightInit.class, init, "--init"))
                    .l1(l1).l2(l2).seed(seed).build();
        }
        DataSet batch = csv == null ? CheckBatch.random(net, rows, seed) : batch(csv, net);
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

    /** The first {@code --rows} rows as features and labels shaped for the network's output layer. */
    private DataSet batch(List<String[]> csv, MultiLayerNetwork net) {
        int nOut = AutodiffNetwork.of(net).outputs();
        List<String> classes = classes(csv);
        var outputLayer = net.getOutputLayer().conf().getLayer();
        boolean classification = outputLayer instanceof BaseOutputLayer out && out.getLossFn() instanceof LossMCXENT
                || outputLayer instanceof LossLayer out2 && out2.getLossFn() instanceof LossMCXENT;
        int n = Math.min(rows, csv.size());
        int cols = csv.get(0).length - 1;
        double[][] x = new double[n][cols];
        double[][] y = new double[n][nOut];
        for (int r = 0; r < n; r++) {
            String[] row = csv.get(r);
            for (int c = 0; c < cols; c++) {
                x[r][c] = number(row[c], r, c);
            }
            String label = row[cols];
            if (classification) {
                if (classes.size() != nOut) {
                    throw new DlkitException(data + ": " + classes.size() + " classes in the label column but the "
                            + "network has " + nOut + " outputs");
                }
                y[r][classes.indexOf(label)] = 1;
            } else if (nOut == 1) {
                y[r][0] = number(label, r, cols);
            } else {
                throw new DlkitException(data + ": one label column cannot fill " + nOut + " non-softmax outputs");
            }
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    /** Header skipped; every row as strings; at least two columns and one row. */
    private static List<String[]> readCsv(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DlkitException("--data " + file + ": no such file");
        }
        List<String[]> out = new ArrayList<>();
        try (CSVRecordReader reader = new CSVRecordReader(1, ',')) {
            reader.initialize(new FileSplit(file.toFile()));
            while (reader.hasNext()) {
                out.add(reader.next().stream().map(Writable::toString).map(String::trim).toArray(String[]::new));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (out.isEmpty() || out.get(0).length < 2) {
            throw new DlkitException("--data " + file + ": expected a header, then rows of features with the label last");
        }
        for (int r = 0; r < out.size(); r++) {
            if (out.get(r).length != out.get(0).length) {
                throw new DlkitException("--data " + file + ": row " + (r + 2) + " has " + out.get(r).length
                        + " columns, the first row " + out.get(0).length);
            }
        }
        return out;
    }

    /** Distinct labels of the whole file, sorted (numerically when they are numbers): class i is the i-th. */
    private static List<String> classes(List<String[]> csv) {
        TreeSet<String> set = new TreeSet<>((a, b) -> {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        });
        csv.forEach(row -> set.add(row[row.length - 1]));
        return new ArrayList<>(set);
    }

    private double number(String s, int row, int col) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DlkitException(data + ": row " + (row + 2) + ", column " + (col + 1) + ": expected a number, got '"
                    + s + "'");
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
