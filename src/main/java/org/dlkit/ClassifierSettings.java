package org.dlkit;

import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.activation.ActivationRule;
import org.dlkit.data.GradientDescent;
import org.dlkit.data.PreparedData;
import org.dlkit.engine.EngineChoice;
import org.dlkit.train.EpochRunner;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.supervise.DiagnosticThresholds;
import org.dlkit.text.SettingNames;
import org.nd4j.linalg.learning.config.IUpdater;

import java.nio.file.Path;
import java.util.List;

/**
 * Every setting of a {@link Classifier}, immutable: what {@link Classifier.Builder#build()} produces and the training
 * pipeline reads.
 *
 * @param hidden             units per hidden layer
 * @param activationRule     the policy that picks hidden and output activations
 * @param weightInit         hidden weight init, null for the activation's own
 * @param updater            the optimiser (copied on the way in and out: DL4J updaters are mutable)
 * @param epochs             the most epochs
 * @param gradientDescent    batch, stochastic or mini-batch
 * @param seed               the one seed
 * @param l2                 L2 coefficient (0: off)
 * @param testFraction       share of each class held out for evaluation
 * @param inputs             inputs asked for (0: from the data)
 * @param classes            classes asked for (0: from the data)
 * @param patience           early stopping's patience (0: off)
 * @param minDelta           the least drop of the validation loss that counts as an improvement
 * @param validationFraction share of the training rows held out for validation
 * @param diagnosticsEvery   iterations between diagnostics (0: off)
 * @param thresholds         the diagnostics' thresholds
 * @param checkpointDir      where checkpoints go (null: none)
 * @param checkpointEvery    epochs between checkpoints
 * @param keepCheckpoints    newest checkpoints kept
 * @param resume             continue from the newest checkpoint
 * @param listeners          extra DL4J listeners
 * @param engine             which engine trains: auto (the default), DL4J or dlkit's own ({@code --engine dlkit})
 * @param epochRunner        computes each epoch's updates elsewhere (Spark); null: this JVM's fit loop
 * @param settingNames       how warnings and advice name settings: the builder's methods (Java) or the CLI's flags
 */
public record ClassifierSettings(List<Integer> hidden, ActivationRule activationRule, WeightInitStrategy weightInit,
                                 IUpdater updater, int epochs, GradientDescent gradientDescent, long seed, double l2,
                                 double testFraction, int inputs, int classes, int patience, double minDelta,
                                 double validationFraction,
                                 int diagnosticsEvery, DiagnosticThresholds thresholds, Path checkpointDir,
                                 int checkpointEvery, int keepCheckpoints, boolean resume,
                                 List<TrainingListener> listeners, EngineChoice engine,
                                 EpochRunner epochRunner, SettingNames settingNames) {

    public ClassifierSettings {
        settingNames = settingNames == null ? SettingNames.JAVA : settingNames;
        hidden = List.copyOf(hidden);
        updater = updater.clone();
        listeners = List.copyOf(listeners);
    }

    /** A copy of the optimiser. */
    @Override
    public IUpdater updater() {
        return updater.clone();
    }

    /** The hidden layer sizes as an array. */
    public int[] hiddenUnits() {
        return hidden.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How rows are split into train, validation and test parts. */
    public PreparedData.Split split() {
        return new PreparedData.Split(testFraction, validationFraction, seed);
    }
}
