package org.dlkit.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dlkit.train.EpochRecord;
import org.dlkit.train.PipelineStage;
import org.dlkit.train.TrainingObserver;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints the pipeline stages, warnings, and the training and validation loss and accuracy per epoch: a progress bar on a terminal, a line every tenth of the
 * run otherwise (logs and pipes stay readable).
 */
final class ConsoleObserver implements TrainingObserver {

    private final PrintWriter out;
    private ProgressBar bar;
    private int epochs;

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
    public void epochFinished(EpochRecord record) {
        String message = String.format(Locale.ROOT, "loss %.4f  accuracy %.4f", record.trainLoss(), record.trainAccuracy());
        if (record.hasValidation()) {
            message += String.format(Locale.ROOT, "  val loss %.4f  val accuracy %.4f", record.valLoss(),
                    record.valAccuracy());
        }
        report(record.epoch(), message);
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
            out.printf("  epoch %" + String.valueOf(epochs).length() + "d/%d  %s%n", epoch, epochs, message);
            out.flush();
        }
    }

    @Override
    public void trainingFinished() {
        if (bar != null) {
            bar.close();
        }
    }
}
