package org.dlkit.experiment;

import org.dlkit.activation.ActivationFunction;
import org.dlkit.experiment.InitExperiment.LayerStats;
import org.dlkit.experiment.InitExperiment.Result;
import org.dlkit.experiment.InitExperiment.Settings;
import org.dlkit.experiment.InitExperiment.Symmetry;
import org.dlkit.init.WeightInitStrategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Card 31's experiment run for every weight init × activation, as tables: the std and the mean of each layer's
 * activations, the outcome (keeps its scale, collapses, ...), and for zero init whether a few SGD steps broke the
 * symmetry between units; {@link #toString()} is the text {@code dlkit init-experiment} prints.
 *
 * @param settings   the experiment's size
 * @param results    one per strategy × activation, strategies outermost
 * @param steps      SGD steps of the symmetry check
 * @param symmetry   per activation, zero init after {@code steps} steps (empty when zero init is not among the inits)
 * @param strategies the strategies compared
 */
public record InitExperimentReport(Settings settings, List<Result> results, int steps,
                                   Map<ActivationFunction, Symmetry> symmetry, List<WeightInitStrategy> strategies) {

    public InitExperimentReport {
        results = List.copyOf(results);
        symmetry = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(symmetry));
        strategies = List.copyOf(strategies);
    }

    /** Runs the experiment for every strategy × activation, and the symmetry check when zero init is among them. */
    public static InitExperimentReport run(Settings settings, List<WeightInitStrategy> strategies,
                                           List<ActivationFunction> activations, int steps) {
        List<Result> results = InitExperiment.runAll(settings, strategies, activations);
        Map<ActivationFunction, Symmetry> symmetry = new LinkedHashMap<>();
        if (strategies.contains(WeightInitStrategy.ZERO)) {
            for (ActivationFunction f : activations) {
                symmetry.put(f, InitExperiment.symmetryAfterTraining(settings, WeightInitStrategy.ZERO, f, steps));
            }
        }
        return new InitExperimentReport(settings, results, steps, symmetry, strategies);
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d layers x %d units, %d unit-normal samples, seed %d", settings.layers(),
                settings.units(), settings.samples(), settings.seed()));
        table(lines, "std of each layer's activations", true);
        table(lines, "mean of each layer's activations", false);
        if (!symmetry.isEmpty()) {
            lines.add("");
            lines.add(steps == 0 ? "zero init, not trained (0 SGD steps):" : String.format(Locale.ROOT,
                    "zero init, after %d SGD steps on all %d samples:", steps, settings.samples()));
            String identical = steps == 0 ? "identical in every layer"
                    : "still identical in every layer (symmetry never broken)";
            symmetry.forEach((f, s) -> lines.add(String.format(Locale.ROOT, "  %-10s units %s; |dW| per layer %s",
                    f.key(), s.unbroken() ? identical : "differ",
                    Arrays.stream(s.weightChange()).mapToObj(v -> String.format(Locale.ROOT, "%.2g", v)).toList())));
        }
        lines.add("");
        strategies.forEach(s -> lines.add(String.format(Locale.ROOT, "%-14s %-40s %s", s, s.formula(), s.reason())));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private void table(List<String> lines, String title, boolean std) {
        lines.add("");
        lines.add(title + ":");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %-10s", "init", "activation"));
        for (int i = 1; i <= settings.layers(); i++) {
            header.append(String.format(Locale.ROOT, " %9s", "layer " + i));
        }
        lines.add(header + (std ? "  last/first  outcome" : ""));
        for (Result r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s %-10s", r.init(),
                    r.activation().key()));
            for (LayerStats l : r.layers()) {
                row.append(String.format(Locale.ROOT, " %9.3g", std ? l.std() : l.mean()));
            }
            if (std) {
                double ratio = r.lastOverFirst();   // 0 / 0 when no layer spreads: shown as '-'
                row.append(Double.isNaN(ratio) ? String.format(Locale.ROOT, "  %10s  %s", "-", r.verdict())
                        : String.format(Locale.ROOT, "  %10.3g  %s", ratio, r.verdict()));
            }
            lines.add(row.toString());
        }
    }
}
