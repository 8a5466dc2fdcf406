package org.dlkit.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.PipelineStage;
import org.dlkit.train.TrainingObserver;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the pipeline stages, warnings, and the training and validation loss and accuracy per epoch: a progress bar on a terminal, a line every tenth of the
 * run otherwise (logs and pipes stay readable).
 */
final class ConsoleObserver implements TrainingObserver {

    private final PrintWriter out;
    private ProgressBar bar;
    private int epochs;
    /** The last epoch's training-pass timing, shown on its line; the examples/s of every epoch for the summary. */
    private String timing = "";
    private final List<Double> examplesPerSecond = new ArrayList<>();

    ConsoleObserver(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stage(PipelineStage stage, String detail) {
        out.println("[" + stage.label() + "] " + detail);
        out.flush();
    }

    @Override
    public void warning(String message) {
        out.println("warning: " + message);
        out.flush();
    }

    @Override
    public void trainingStarted(int epochs) {
        this.epochs = epochs;
        if (System.console() == null) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName("epochs")
                .setInitialMax(epochs)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.out))
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .build();
    }

    @Override
    public void note(String message) {
        out.println("  " + message);
        out.flush();
    }

    @Override
    public void epochTimed(int epoch, double seconds, int examples) {
        examplesPerSecond.add(examples / seconds);
        timing = String.format(Locale.ROOT,
                seconds < 0.1 ? "  %.1f ms, %,.0f examples/s" : "  %.2f s, %,.0f examples/s",
                seconds < 0.1 ? seconds * 1e3 : seconds, examples / seconds);
    }

    @Override
    public void epochFinished(EpochRecord record) {
        String message = String.format(Locale.ROOT,
                "loss %.4f  accuracy %.4f", record.trainLoss(), record.trainAccuracy());
        if (record.hasValidation()) {
            message += String.format(Locale.ROOT, "  val loss %.4f  val accuracy %.4f", record.valLoss(),
                    record.valAccuracy());
        }
        report(record.epoch(), message + timing);
        timing = "";
    }

    @Override
    public void epochFinished(int epoch, double loss) {
        report(epoch, String.format(Locale.ROOT, "loss %.4f", loss));
    }

    private void report(int epoch, String message) {
        if (bar != null) {
            bar.stepTo(epoch);
            bar.setExtraMessage(message);
        } else if (epoch % Math.max(1, epochs / 10) == 0 || epoch == epochs) {
            out.printf(Locale.ROOT,
                    "  epoch %" + String.valueOf(epochs).length() + "d/%d  %s%n", epoch, epochs, message);
            out.flush();
        }
    }

    /** Closes the bar; then the median speed of the training passes, the first epoch (JIT warm-up) left out. */
    @Override
    public void trainingFinished() {
        if (bar != null) {
            bar.close();
        }
        if (examplesPerSecond.size() > 1) {
            double[] sorted = examplesPerSecond.subList(1, examplesPerSecond.size()).stream()
                    .mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            out.printf(Locale.ROOT,
                    "  training speed: %,.0f examples/s (median of epochs 2-%d, training passes only)%n",
                    median, examplesPerSecond.size());
            out.flush();
        }
        examplesPerSecond.clear();
    }
}
