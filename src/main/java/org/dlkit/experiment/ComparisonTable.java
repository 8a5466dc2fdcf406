package org.dlkit.experiment;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.dlkit.experiment.GradientDescentExperiment.ModeResult;
import org.dlkit.experiment.GradientDescentExperiment.Result;
import org.dlkit.experiment.GradientDescentExperiment.Settings;

/** The experiment's report: a header naming the set-up, the modes side by side, and what the numbers say. */
final class ComparisonTable {

    private static final String NOT_REACHED = "not reached";

    private ComparisonTable() {
    }

    static String render(Result r) {
        Settings s = r.settings();
        List<ModeResult> modes = r.modes();
        double target = s.targetLoss();
        String t = number(target);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "gradient descent on %s: %d training rows (standardised on them), "
                + "%d test rows%n", r.dataset(), r.trainExamples(), r.testExamples()));
        out.append(String.format(Locale.ROOT, "network %s, init %s/%s, %s, seed %d; plain SGD, learning rate %s "
                        + "shared by all modes%n", r.network(), r.network().hidden().isEmpty() ? "none" : r.network().hidden().get(0).init().strategy(),
                r.network().output().init().strategy(),
                r.network().dataType(), s.seed(), number(s.learningRate())));
        out.append(String.format(Locale.ROOT, "%d epochs per mode, target training loss %s; timings after %d "
                + "warm-up updates per mode%n%n", s.epochs(), t, GradientDescentExperiment.WARM_UP_UPDATES));

        row(out, "", modes, m -> m.mode().toString());
        row(out, "batch size", modes, m -> Integer.toString(m.batchSize()));
        row(out, "updates per epoch", modes, m -> Integer.toString(m.updatesPerEpoch()));
        row(out, "time per update (mean)", modes, m -> duration(m.meanUpdateMicros() * 1e3));
        row(out, "time per update (median)", modes, m -> duration(m.medianUpdateMicros() * 1e3));
        row(out, "interrupted updates (left out)", modes, m -> Integer.toString(m.interruptedUpdates()));
        row(out, "update time per example", modes, m -> duration(m.microsPerExample() * 1e3));
        row(out, "time per epoch (training)", modes, m -> duration(m.meanEpochMillis() * 1e6));
        row(out, "epochs to loss <= " + t, modes,
                m -> m.epochsToReach(target).isPresent() ? Integer.toString(m.epochsToReach(target).getAsInt())
                        : NOT_REACHED);
        row(out, "updates to loss <= " + t, modes,
                m -> m.updatesToReach(target).isPresent() ? Long.toString(m.updatesToReach(target).getAsLong())
                        : NOT_REACHED);
        row(out, "training time to loss <= " + t, modes, m -> {
            OptionalDouble ms = m.millisToReach(target);
            return ms.isPresent() ? duration(ms.getAsDouble() * 1e6) : NOT_REACHED;
        });
        row(out, "final training loss", modes, m -> m.diverged() ? "diverged (" + m.epochs() + ")"
                : String.format(Locale.ROOT, "%.4f", m.finalTrainLoss()));
        row(out, "test accuracy", modes,
                m -> m.diverged() ? "-" : String.format(Locale.ROOT, "%.3f", m.testAccuracy()));
        row(out, "loss noise: rms(batch - training)", modes,
                m -> String.format(Locale.ROOT, "%.3g", m.batchLossNoise()));
        row(out, "epochs where training loss rose", modes,
                m -> String.format(Locale.ROOT, "%.0f%%", 100 * m.shareOfEpochsLossRose()));
        row(out, "loss evaluation (not counted)", modes, m -> duration(m.evaluationNanos()));
        out.append(System.lineSeparator());
        out.append(summary(modes, target, t));
        return out.toString();
    }

    private static String summary(List<ModeResult> modes, double target, String t) {
        ModeResult cheapest = modes.stream().min(Comparator.comparingDouble(ModeResult::meanUpdateMicros)).get();
        ModeResult most = modes.stream().max(Comparator.comparingInt(ModeResult::updatesPerEpoch)).get();
        ModeResult noisiest = modes.stream().max(Comparator.comparingDouble(ModeResult::batchLossNoise)).get();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "cheapest update: %s (%s mean); most updates per epoch: %s (%d); "
                        + "noisiest loss estimate: %s%n", cheapest.mode().name(),
                duration(cheapest.meanUpdateMicros() * 1e3), most.mode().name(), most.updatesPerEpoch(),
                noisiest.mode().name()));
        modes.stream().filter(m -> m.millisToReach(target).isPresent())
                .min(Comparator.comparingDouble(m -> m.millisToReach(target).getAsDouble()))
                .ifPresentOrElse(m -> s.append(String.format(Locale.ROOT, "first to training loss <= %s: %s, after "
                                + "%d updates and %s of training%n", t, m.mode().name(),
                                m.updatesToReach(target).getAsLong(),
                                duration(m.millisToReach(target).getAsDouble() * 1e6))),
                        () -> s.append(String.format(Locale.ROOT, "no mode reached training loss <= %s; "
                                + "try more --epochs or a larger --learning-rate%n", t)));
        modes.stream().filter(ModeResult::diverged).forEach(m -> s.append(String.format(Locale.ROOT,
                "%s diverged in epoch %d: its loss is no longer a number; try a smaller --learning-rate%n",
                m.mode().name(), m.epochs())));
        s.append(String.format(Locale.ROOT, "(training loss: mean over all training rows, after each epoch; loss "
                + "noise: how far the loss of an update's batch is from it, at the same weights; update times leave "
                + "out updates interrupted by GC or by other processes (slower than 3x the median), epoch and target "
                + "times include them)%n"));
        return s.toString();
    }

    private static void row(StringBuilder out, String label, List<ModeResult> modes,
                            Function<ModeResult, String> cell) {
        out.append(String.format(Locale.ROOT, "%-34s", label));
        for (ModeResult m : modes) {
            out.append(String.format(Locale.ROOT, "%17s", cell.apply(m)));
        }
        out.append(System.lineSeparator());
    }

    /** A setting as the user would type it: 0.2, not 0.2000. */
    static String number(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** A duration given in nanoseconds, in µs, ms or s. */
    static String duration(double nanos) {
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
