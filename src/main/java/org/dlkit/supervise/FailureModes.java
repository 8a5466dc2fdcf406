package org.dlkit.supervise;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.text.SettingNames;
import org.dlkit.train.LearningRates;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import static org.dlkit.text.SettingNames.Setting.ACTIVATION;
import static org.dlkit.text.SettingNames.Setting.L2;
import static org.dlkit.text.SettingNames.Setting.LEARNING_RATE;

/**
 * The course's failure modes, judged on each check's {@link LayerStats} against {@link DiagnosticThresholds}. Each mode
 * is reported once per run, naming the layer and the course's fix, with the settings named as the user sets them
 * ({@link SettingNames}: the CLI's flags or the builder's methods).
 */
final class FailureModes {

    /** The update-to-parameter ratio DL4J's tuning guide aims for. */
    static final double TARGET_UPDATE_RATIO = 1e-3;

    /** The failure modes the diagnostics name. */
    enum Mode { DEAD_RELU, SATURATED, VANISHING, EXPLODING, UPDATES_TOO_LARGE, UPDATES_TOO_SMALL }

    private final DiagnosticThresholds limits;
    private final SettingNames names;
    private final Consumer<String> sink;
    private final Map<Mode, Integer> streak = new EnumMap<>(Mode.class);
    /** The iteration of the first check of each mode's current streak. */
    private final Map<Mode, Integer> streakStart = new EnumMap<>(Mode.class);
    /** The iteration of the check being judged. */
    private int iteration;
    private final Set<Mode> reported = EnumSet.noneOf(Mode.class);
    private final List<String> given = new ArrayList<>();
    /** Whether some check of this run saw an update above {@link DiagnosticThresholds#updateRatioHigh()}. */
    private boolean sawTooLarge;

    FailureModes(DiagnosticThresholds limits, SettingNames names, Consumer<String> sink) {
        this.limits = limits;
        this.names = names;
        this.sink = sink;
    }

    List<String> given() {
        return List.copyOf(given);
    }

    /** Judges one check: {@code rows} holds one row per layer, first to last. */
    void check(List<LayerStats> rows, MultiLayerNetwork net) {
        iteration = rows.isEmpty() ? 0 : rows.get(0).iteration();
        LayerStats deadest = max(rows, LayerStats::deadFraction);
        if (deadest != null && deadest.deadFraction() >= limits.deadFraction()) {
            UnitKind kind = Diagnostics.kind(net, deadest.layer());
            report(Mode.DEAD_RELU, String.format(Locale.ROOT, "layer %d: %.0f%% of %s units are dead (%s for the "
                    + "last %d examples) — try Leaky ReLU (%s) or a lower learning rate",
                    deadest.layer(), 100 * deadest.deadFraction(), kind.displayName, kind.deadOutputs(),
                    limits.deadWindow(), names.set(ACTIVATION, "leaky-relu")));
        }
        LayerStats flattest = max(rows, LayerStats::saturatedFraction);
        confirm(Mode.SATURATED, flattest != null && flattest.saturatedFraction() >= limits.saturatedFraction(),
                () -> String.format(Locale.ROOT, "layer %d: %.0f%% of %s units are saturated (their local gradient is "
                        + "below %.0f%% of its maximum, so almost nothing flows back) — use ReLU (%s), keep the inputs "
                        + "standardised and the weights Xavier-initialised%s",
                        flattest.layer(), 100 * flattest.saturatedFraction(),
                        Diagnostics.kind(net, flattest.layer()).displayName, 100 * limits.saturatedDerivative(),
                        names.set(ACTIVATION, "rule-of-thumb"),
                        sawTooLarge ? saturatedByLargeUpdates(net, flattest.layer()) : ""));
        gradients(rows, net);
        updates(rows, net);
    }

    private void gradients(List<LayerStats> rows, MultiLayerNetwork net) {
        if (rows.size() < 2) {
            return;
        }
        LayerStats first = rows.get(0);
        LayerStats last = rows.get(rows.size() - 1);
        double ratio = first.gradientNorm() / last.gradientNorm();
        String hidden = hiddenActivations(net);
        confirm(Mode.VANISHING, ratio < limits.vanishingRatio(), () -> String.format(Locale.ROOT,
                "gradients vanish: layer 0 gets %.0e of layer %d's gradient norm with %s hidden layers — %s", ratio,
                last.layer(), hidden, vanishingAdvice(net)));
        confirm(Mode.EXPLODING, ratio > limits.explodingRatio(), () -> String.format(Locale.ROOT,
                "gradients explode: layer 0 gets %.0e times layer %d's gradient norm — lower the learning rate, keep "
                        + "the default weight init (He/Xavier) or add L2 (%s)", ratio, last.layer(), names.name(L2)));
    }

    /**
     * Updates too large or too small for the learning rate, judged only on layers whose gradient reaches them
     * ({@link #rateBound}). "Too large": an adaptive optimiser (Adam, RMSProp...) divides a vanished gradient by its
     * own size and keeps taking learning-rate-sized steps (seven sigmoid layers at Adam 3e-3 on iris: layer 0 gets
     * 1e-4 of the output layer's gradient and steps of 1e-2 of its weights); the vanishing is the cause, and a 10×
     * lower rate, followed, left such a network at chance level. Nor, with such an optimiser, once gradients were
     * reported vanishing: its full-size steps are how the middle layers escape (the same network, layer 4: 2e-2 of
     * its weights per step around iteration 100, as its gradients return), and the vanishing warning names the
     * cause. "Too small": a layer with a zero or vanished gradient gets tiny updates at any rate, and advising a
     * higher rate there is wrong (at SGD 10 on iris the exploded outputs saturate the softmax, the gradient is exactly
     * 0, and the advice was to raise the rate to 100). Nor once a check of the run saw updates too large at this
     * rate, confirmed or not: with SGD the steps shrink with the gradient as the fit converges (ReLU6 at SGD 10 on
     * iris: 6e-2, then 3e-8 in the output layer), and weights that blew up make every later update tiny beside them
     * (SELU at SGD 10: ratios 9 and 3, then 1e-8 of weights near 1e9).
     */
    private void updates(List<LayerStats> rows, MultiLayerNetwork net) {
        List<LayerStats> bound = rows.stream().filter(r -> rateBound(r, rows)).toList();
        LayerStats largest = max(bound, LayerStats::updateRatio);
        LayerStats smallest = max(bound, r -> -r.updateRatio());
        boolean tooLarge = largest != null && largest.updateRatio() > limits.updateRatioHigh()
                && !(reported.contains(Mode.VANISHING) && adaptive(net));
        sawTooLarge |= tooLarge;
        confirm(Mode.UPDATES_TOO_LARGE, tooLarge, () -> String.format(
                Locale.ROOT, "layer %d: each update changes the weights by %.0e of their size (target about 1e-3) — "
                        + "the learning rate is likely too high%s", largest.layer(), largest.updateRatio(),
                advice(net, largest, lr -> lr / 10)));
        confirm(Mode.UPDATES_TOO_SMALL, smallest != null && smallest.updateRatio() < limits.updateRatioLow()
                        && !sawTooLarge,
                () -> String.format(
                Locale.ROOT, "layer %d: each update changes the weights by only %.0e of their size (target about "
                        + "1e-3) — the learning rate is likely too low%s", smallest.layer(), smallest.updateRatio(),
                advice(net, smallest, lr -> new BigDecimal(lr * towardsTarget(smallest.updateRatio()))
                        .round(new MathContext(1)).doubleValue())));
    }

    /**
     * Whether the optimiser scales each step by the gradient's own running size (Adam, AdaMax, Nadam, AMSGrad,
     * RMSProp, AdaGrad, AdaDelta), so that its steps are about the learning rate whatever the gradient's size; SGD,
     * Nesterov momentum and no updater step in proportion to the gradient.
     */
    private static boolean adaptive(MultiLayerNetwork net) {
        return net.getLayer(0).conf().getLayer() instanceof BaseLayer base && base.getIUpdater() != null
                && !(base.getIUpdater() instanceof Sgd || base.getIUpdater() instanceof Nesterovs
                        || base.getIUpdater() instanceof NoOp);
    }

    /**
     * How much higher a rate whose updates are too small should be: the factor that brings the update ratio r to the
     * 1e-3 target, 1e-3 / r, between 10 and 1000 (the advised rate is rounded to one significant digit). While the steps are small the ratio grows in proportion to the rate
     * (SGD: Δw = −η·g; Adam: |Δw| ≈ η), so one step of advice suffices: Adam at 1e-6 on iris, told 10× (1e-5), was
     * still too low and under-trained after 500 epochs; told 1e-3 / r it trains as the default does. (Too-large
     * updates keep the cautious 10×: there the weights themselves grow, and the ratio is no longer proportional.)
     */
    static double towardsTarget(double ratio) {
        return Math.max(10, Math.min(1000, TARGET_UPDATE_RATIO / ratio));
    }

    /** "; try" the rate {@code advised} makes of {@code row}'s layer's learning rate, or nothing when it has none. */
    private String advice(MultiLayerNetwork net, LayerStats row, DoubleUnaryOperator advised) {
        Double lr = net.getLearningRate(row.layer());
        return lr == null ? "" : "; try " + rate(advised.applyAsDouble(lr));
    }

    /**
     * Too-large updates push the pre-activations far into the flat tails, so after them the learning rate is the
     * first suspect for saturation (tanh at SGD 10 on iris), ahead of the activation choice.
     */
    private String saturatedByLargeUpdates(MultiLayerNetwork net, int layer) {
        Double lr = net.getLearningRate(layer);
        return "; the updates were too large earlier in this run, which drives units into saturation: lower the "
                + "learning rate first" + (lr == null ? "" : " (try " + rate(lr / 10) + ")");
    }

    /** The learning rate {@code lr} as the user sets it: {@code --learning-rate 0.3} or {@code learningRate(0.3)}. */
    private String rate(double lr) {
        return names.set(LEARNING_RATE, LearningRates.rounded(lr));
    }

    /**
     * Reports {@code mode} once it has held at {@link DiagnosticThresholds#confirmChecks()} checks in a row; the update
     * sizes also over at least as many iterations as those checks span at the default interval,
     * (confirmChecks − 1) × {@value Diagnostics#DEFAULT_EVERY}. Adam's first steps are learning-rate sized by
     * construction (its bias correction), about 1.2e-2 of the default network's output weights on iris for the
     * first 8 iterations: checked at every iteration ({@code diagnostics(1)}), three checks in a row span 2
     * iterations of that start and are no sign of a rate too high.
     */
    private void confirm(Mode mode, boolean holds, Supplier<String> message) {
        int n = holds ? streak.getOrDefault(mode, 0) + 1 : 0;
        streak.put(mode, n);
        if (n == 1) {
            streakStart.put(mode, iteration);
        }
        boolean spans = !(mode == Mode.UPDATES_TOO_LARGE || mode == Mode.UPDATES_TOO_SMALL)
                || iteration - streakStart.getOrDefault(mode, iteration)
                        >= (limits.confirmChecks() - 1) * Diagnostics.DEFAULT_EVERY;
        if (n >= limits.confirmChecks() && spans && !reported.contains(mode)) {
            report(mode, message.get());
        }
    }

    private void report(Mode mode, String message) {
        if (reported.add(mode)) {
            given.add(message);
            sink.accept(message);
        }
    }

    /**
     * Whether a layer's update size is set by the learning rate: its weight gradient is non-zero and has not vanished
     * (at least {@link DiagnosticThresholds#vanishingRatio()} of the output layer's gradient norm).
     */
    private boolean rateBound(LayerStats row, List<LayerStats> rows) {
        double last = rows.get(rows.size() - 1).gradientNorm();
        return row.gradientNorm() > 0 && !(row.gradientNorm() < limits.vanishingRatio() * last);
    }

    private static String hiddenActivations(MultiLayerNetwork net) {
        Set<String> names = new LinkedHashSet<>();
        for (int layer = 0; layer + 1 < net.getnLayers(); layer++) {
            names.add(Diagnostics.kind(net, layer).displayName);
        }
        return String.join("/", names);
    }

    /**
     * What to change when gradients vanish: ReLU when a hidden layer's activation shrinks the gradient at every layer
     * (sigmoid, tanh, softsign, hard sigmoid: {@link UnitKind#shrinksGradient()}); the saturated units this run
     * reported, when there are (hard tanh units where f' = 0 pass no gradient, whatever the init or depth); otherwise
     * He init or fewer layers, or Leaky ReLU when units have died.
     */
    private String vanishingAdvice(MultiLayerNetwork net) {
        for (int layer = 0; layer + 1 < net.getnLayers(); layer++) {
            if (Diagnostics.kind(net, layer).shrinksGradient()) {
                return "use ReLU (" + names.set(ACTIVATION, "rule-of-thumb") + ")";
            }
        }
        if (reported.contains(Mode.SATURATED)) {
            return "the saturated units reported above pass almost no gradient back: their fix applies";
        }
        return heInitialised(net)
                ? "He init is in use already: use fewer layers, or Leaky ReLU (" + names.set(ACTIVATION, "leaky-relu")
                        + ") if units have died"
                : "use He init for ReLU layers (the default) or fewer layers";
    }

    /** Whether every hidden layer starts from He's init, normal or uniform (DL4J's RELU or RELU_UNIFORM). */
    private static boolean heInitialised(MultiLayerNetwork net) {
        for (int layer = 0; layer + 1 < net.getnLayers(); layer++) {
            if (!(net.getLayer(layer).conf().getLayer() instanceof BaseLayer base) || WeightInitStrategy.of(
                    base.getWeightInitFn()).map(WeightInitStrategy::normal).orElse(null) != WeightInitStrategy.HE) {
                return false;
            }
        }
        return true;
    }

    /** The row with the largest finite {@code field}, or null when none is finite. */
    private static LayerStats max(List<LayerStats> rows, ToDoubleFunction<LayerStats> field) {
        LayerStats best = null;
        for (LayerStats row : rows) {
            double v = field.applyAsDouble(row);
            if (Double.isFinite(v) && (best == null || v > field.applyAsDouble(best))) {
                best = row;
            }
        }
        return best;
    }
}
