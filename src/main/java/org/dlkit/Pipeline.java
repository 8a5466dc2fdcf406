package org.dlkit;

import org.dlkit.error.DlkitException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Backends;
import org.dlkit.backend.Selection;
import org.dlkit.backend.Threads;
import org.dlkit.data.EpochIterator;
import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;
import org.dlkit.data.PreparedData;
import org.dlkit.engine.Device;
import org.dlkit.engine.EngineChoice;
import org.dlkit.engine.EngineTrainer;
import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.ModelInfo;
import org.dlkit.network.NetworkSpec;
import org.dlkit.supervise.Diagnostics;
import org.dlkit.supervise.TrainingRecord;
import org.dlkit.train.Checkpoints;
import org.dlkit.train.EpochRunner;
import org.dlkit.train.PipelineStage;
import org.dlkit.train.Trainer;
import org.dlkit.train.TrainingObserver;
import org.dlkit.train.TrainingPlan;
import org.dlkit.train.TrainingResult;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The course's pipeline to train a neural network (card 32), run once for a {@link Classifier}: prepare input data
 * (stratified train / validation / test split, standardisation fitted on the training rows only), the data pipeline
 * (gradient-descent iterator), define the network, initialise it, train it (diagnostics, history, early stopping,
 * checkpoints, divergence stop) and supervise the result (evaluation on the test rows).
 */
final class Pipeline {

    private final ClassifierSettings settings;
    private final BiFunction<Integer, Integer, NetworkSpec> network;

    /** {@code network} gives the network for (inputs, classes), known once the data is encoded. */
    Pipeline(ClassifierSettings settings, BiFunction<Integer, Integer, NetworkSpec> network) {
        this.settings = settings;
        this.network = network;
    }

    TrainedClassifier run(LabelledData data, TrainingObserver observer) {
        if (settings.classes() > 0 && settings.classes() != data.numClasses()) {
            throw new DlkitException(String.format(Locale.ROOT, "classes is set to %d but %s has %d classes: %s",
                    settings.classes(), data.source(), data.numClasses(), data.classNames()));
        }
        Selection nd4j = Backends.selected().orElseGet(() -> Backends.start(BackendChoice.AUTO));
        Threads.tune();
        List<String> schemaWarnings = new ArrayList<>();
        PreparedData prepared = PreparedData.of(data, settings.split(), schemaWarnings::add);
        if (settings.inputs() > 0 && settings.inputs() != prepared.numInputs()) {
            throw new DlkitException(String.format(Locale.ROOT, "inputs is set to %d but %s encodes to %d features",
                    settings.inputs(), data.source(), prepared.numInputs()));
        }
        NetworkSpec spec = network.apply(prepared.numInputs(), data.numClasses());
        DataSet train = prepared.train();
        DataSet validation = prepared.validation();
        DataSet test = prepared.test();
        ImageFolder.Size pixels = ImageFolder.Size.ofFeatures(data.featureNames());
        int columns = data.featureNames().size();
        observer.stage(PipelineStage.PREPARE_DATA, String.format(Locale.ROOT, 
                "%s: %d %s -> %d input%s, %d classes; stratified split %d train / %d validation / %d test; %s "
                        + "learnt from the training %s",
                data.source() + data.format().describe(), data.numExamples(),
                pixels != null ? "images at " + pixels + " pixels" : "rows, " + columns + " feature column"
                        + (columns == 1 ? "" : "s"),
                prepared.numInputs(), prepared.numInputs() == 1 ? "" : "s",
                data.numClasses(), train.numExamples(), validation == null ? 0 : validation.numExamples(),
                test.numExamples(), pixels != null ? "standardisation" : "schema, imputation and standardisation",
                pixels != null ? "images" : "rows"));
        prepared.transform().schema().table().lines().forEach(observer::note);
        if (!prepared.missingSummary().isEmpty()) {
            observer.note("missing values: " + prepared.missingSummary());
        }
        schemaWarnings.forEach(observer::warning);

        EpochIterator batches = settings.gradientDescent().iterator(train, settings.seed());
        int updates = (train.numExamples() + batches.batch() - 1) / batches.batch();
        observer.stage(PipelineStage.DATA_PIPELINE, String.format(Locale.ROOT,
                "%s gradient descent: %d update%s per epoch",
                settings.gradientDescent(), updates, updates == 1 ? "" : "s"));
        settings.gradientDescent().warning(train.numExamples()).ifPresent(observer::warning);

        MultiLayerConfiguration conf = spec.toConfiguration();
        observer.stage(PipelineStage.DEFINE_NETWORK, spec.toString());
        spec.warnings().forEach(observer::warning);

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        String inits = spec.hidden().stream().map(h -> h.init().strategy().toString()).distinct()
                .reduce((a, b) -> a + "/" + b).orElse("none");
        observer.stage(PipelineStage.INITIALISE, String.format(Locale.ROOT,
                "%d parameters; init hidden %s, output %s; seed %d",
                net.numParams(), inits, spec.output().init().strategy(), spec.seed()));

        EngineChoice engine = askedEngine().settle(nd4j, net, settings.listeners(), settings.epochRunner() != null);
        engine.refuseAlongside(settings.listeners(), settings.epochRunner() != null);
        // diagnostics watch this JVM's training (DL4J's fit loop or dlkit's engine): an epoch runner trains elsewhere
        Diagnostics diagnostics = settings.diagnosticsEvery() > 0 && settings.epochRunner() == null
                ? new Diagnostics(settings.diagnosticsEvery(), settings.thresholds(),
                        settings.settingNames(), observer::warning) : null;
        // DL4J listeners hear DL4J's fit loop only; on dlkit's engine the diagnostics are fed by the engine
        List<TrainingListener> listeners = new ArrayList<>();
        if (!engine.dlkit()) {
            if (diagnostics != null) {
                listeners.add(diagnostics);
            }
            listeners.addAll(settings.listeners());
        }
        int patience = validation == null ? 0 : settings.patience();
        Checkpoints checkpoints = settings.checkpointDir() == null ? null
                : new Checkpoints(settings.checkpointDir(), settings.checkpointEvery(), settings.keepCheckpoints(),
                        engine.recorded());
        observer.stage(PipelineStage.TRAIN, String.format(Locale.ROOT, "at most %d epoch%s, %s%s%s", settings.epochs(),
                settings.epochs() == 1 ? "" : "s", spec.updater(),
                patience > 0 ? ", early stopping (patience " + patience + ")" : "",
                diagnostics != null ? ", diagnostics every " + settings.diagnosticsEvery() + " iterations" : "")
                + (settings.epochRunner() != null ? ", " + settings.epochRunner() : ""));
        observer.note(engine.line());
        TrainingResult result;
        try (Device device = engine.dlkit() ? engine.open() : null) {
            EpochRunner runner = settings.epochRunner();
            if (device != null) {
                runner = new EngineTrainer(device, diagnostics, !engine.cuda());
                observer.note("engine device: " + device.description());
            }
            result = new Trainer(observer, runner).fit(net, batches, train, validation,
                    new TrainingPlan(settings.epochs(), patience, settings.minDelta(), checkpoints,
                            settings.resume(), listeners));
        }

        EvaluationReport report = EvaluationReport.of(net, test.getFeatures(), test.getLabels(), data.classNames());
        observer.stage(PipelineStage.SUPERVISE, String.format(Locale.ROOT,
                "evaluated on %d held-out rows; %d epoch%s trained, parameters of epoch %d kept", test.numExamples(),
                result.epochs(), result.epochs() == 1 ? "" : "s", result.bestEpoch()));
        TrainingRecord record = diagnostics == null ? new TrainingRecord(result, List.of(), List.of(), null)
                : new TrainingRecord(result, diagnostics.history(), diagnostics.warnings(), diagnostics.thresholds());
        return new TrainedClassifier(net, prepared.normalizer(), prepared.transform(),
                ModelInfo.of(data, prepared.transform().outputNames(), settings.seed(), describeSettings(engine)), report, record);
    }

    /** The engine asked for; a run resumed from a checkpoint keeps the device that checkpoint recorded. */
    private EngineChoice askedEngine() {
        Optional<Path> latest = settings.resume() && settings.checkpointDir() != null
                ? new Checkpoints(settings.checkpointDir(), 1, 1).latest() : Optional.empty();
        return latest.map(c -> settings.engine().resumedOn(Checkpoints.recordedEngine(c))).orElse(settings.engine());
    }

    private Map<String, Object> describeSettings(EngineChoice engine) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hidden", settings.hidden());
        map.put("activation_rule", settings.activationRule().toString());
        map.put("weight_init", settings.weightInit() == null ? "from activation" : settings.weightInit().toString());
        map.put("updater", settings.updater().toString());
        map.put("epochs", settings.epochs());
        map.put("patience", settings.patience());
        map.put("min_delta", settings.minDelta());
        map.put("validation_fraction", settings.validationFraction());
        map.put("gradient_descent", settings.gradientDescent().toString());
        map.put("l2", settings.l2());
        map.put("test_fraction", settings.testFraction());
        map.put("engine", engine.line());
        if (settings.epochRunner() != null) {
            map.put("epoch_runner", settings.epochRunner().toString());
        }
        return map;
    }
}
