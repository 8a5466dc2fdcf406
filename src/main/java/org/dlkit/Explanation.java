package org.dlkit;

import org.dlkit.network.Updaters;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.dlkit.network.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a {@link Classifier} is configured the way it is: one line per choice with its reason, the warnings for choices
 * the course's rules discourage, and the DL4J configuration the choices become.
 *
 * @param lines         each choice and its reason, layer by layer, then the training choices
 * @param warnings      discouraged choices with the reason (empty when none)
 * @param configuration the DL4J configuration
 */
public record Explanation(List<String> lines, List<String> warnings, MultiLayerConfiguration configuration) {

    public Explanation {
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }

    /** The network {@code spec} and the training {@code settings} over {@code trainingExamples} rows (at least 1). */
    static Explanation of(NetworkSpec spec, ClassifierSettings settings, int trainingExamples) {
        List<String> lines = new ArrayList<>(spec.layerLines());
        lines.add("loss: " + spec.output().activation().loss() + " — " + spec.output().activation().reason());
        lines.add("updater: " + spec.updater() + " — " + Updaters.reason(spec.updater()));
        int batch = settings.gradientDescent().batchSize(trainingExamples);
        lines.add("gradient descent: " + settings.gradientDescent() + " — " + settings.gradientDescent().reason());
        int updates = (trainingExamples + batch - 1) / batch;
        lines.add(String.format(Locale.ROOT, "batch size: %d — %d update%s per epoch over %d training rows",
                batch, updates, updates == 1 ? "" : "s", trainingExamples));
        lines.add("epochs: at most " + settings.epochs() + (settings.validationFraction() > 0 && settings.patience() > 0
                ? String.format(Locale.ROOT,
                        ", early stopping after %d epochs without a loss lower by more than %s on a %.0f%% "
                        + "validation part of the training rows (the best epoch is kept)", settings.patience(),
                        settings.minDelta(), 100 * settings.validationFraction()) : ", no early stopping"));
        lines.add("L2: " + (settings.l2() > 0 ? settings.l2() + " — penalises large weights" : "off"));
        lines.add("seed: " + settings.seed() + " — one seed for split, shuffling and initialisation, so runs repeat "
                + "(DL4J's default seed is the clock)");
        List<String> warnings = new ArrayList<>(spec.warnings());
        settings.gradientDescent().warning(trainingExamples).ifPresent(warnings::add);
        return new Explanation(lines, warnings, spec.toConfiguration());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append(System.lineSeparator()));
        warnings.forEach(w -> out.append("warning: ").append(w).append(System.lineSeparator()));
        return out.toString();
    }
}
