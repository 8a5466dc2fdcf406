package org.dlkit.train;

import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dlkit.data.EpochIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * "Train the network": the fit loop, one place for everything that watches it. Each epoch starts the iterator at the
 * network's own epoch counter, so the batches of epoch e are the same whether or not the run was resumed.
 *
 * <p>Per epoch it records the mean mini-batch loss and the accuracy on the training batches, both taken from the
 * training pass itself ({@link BatchAccuracy}: no second pass over the training rows), and the loss and accuracy on the
 * validation rows after the epoch ({@link History}); it stops early when the validation loss has not improved for the plan's patience
 * and then restores the best epoch's parameters; it writes checkpoints; and after every parameter update it checks the
 * loss (the parameters once per epoch), stopping with {@link TrainingDiverged} at the first NaN or infinity. While it
 * trains, DL4J's Adam steps are computed by {@link OnePassAdam} (the same maths and state, about 3× faster than
 * ND4J M2.1's fused op); DL4J's own updater is back in place when it returns.
 */
public final class Trainer {

    private final TrainingObserver observer;
    private final EpochRunner runner;

    public Trainer(TrainingObserver observer) {
        this(observer, null);
    }

    /** A trainer whose epochs {@code runner} computes (null: this JVM's own fit loop, batch by batch). */
    public Trainer(TrainingObserver observer, EpochRunner runner) {
        this.observer = observer;
        this.runner = runner;
    }

    /** Trains {@code net} on {@code batches} until it has seen {@code epochs} epochs in total. */
    public void fit(MultiLayerNetwork net, EpochIterator batches, int epochs) {
        fit(net, batches, null, null, TrainingPlan.epochs(epochs));
    }

    /**
     * Trains {@code net} on {@code batches} as {@code plan} says; {@code train} (the rows behind the batches) and
     * {@code validation} are measured after each epoch (either may be null: its columns of the history are NaN, and
     * early stopping needs validation rows).
     */
    public TrainingResult fit(MultiLayerNetwork net, EpochIterator batches, DataSet train, DataSet validation,
                              TrainingPlan plan) {
        EarlyStopping stopping = new EarlyStopping(plan.patience(), plan.minDelta());
        History history = new History();
        int resumedFrom = 0;
        if (plan.resume() && plan.checkpoints().latest().isPresent()) {
            history = plan.checkpoints().restoreLatest(net, stopping);
            resumedFrom = net.getEpochCount();
            observer.note(String.format(Locale.ROOT, "resumed from the checkpoint of epoch %d in %s", resumedFrom,
                    plan.checkpoints().dir()));
        }
        Collection<TrainingListener> previous = net.getListeners();
        // the training pass's own accuracy (Keras-style); a runner trains elsewhere: its own measure (dlkit's engine),
        // else a pass over the rows (Spark)
        BatchAccuracy batchAccuracy = runner == null && BatchAccuracy.applies(net) ? new BatchAccuracy() : null;
        List<TrainingListener> listeners = new ArrayList<>(plan.listeners());
        if (batchAccuracy != null) {
            listeners.add(batchAccuracy);
        }
        net.setListeners(listeners);
        OnePassAdam.install(net);
        observer.trainingStarted(plan.maxEpochs());
        try (EpochRunner.Session session = runner == null ? null : runner.start(net, batches, observer)) {
            while (net.getEpochCount() < plan.maxEpochs() && !stopping.shouldStop(net.getEpochCount())) {
                if (batchAccuracy != null) {
                    batchAccuracy.reset();
                }
                long started = System.nanoTime();
                double trainLoss = session == null ? runEpoch(net, batches, plan) : runEpoch(net, session, plan);
                double seconds = (System.nanoTime() - started) / 1e9;
                net.incrementEpochCount();
                double trainAccuracy = batchAccuracy != null ? batchAccuracy.accuracy()
                        : session != null && !Double.isNaN(session.trainAccuracy()) ? session.trainAccuracy()
                        : accuracy(net, train);
                double[] measured = session == null ? null : session.validate(validation);
                if (measured == null) {
                    measured = validation(net, validation);
                }
                if (validation != null && !Double.isFinite(measured[0])) {
                    // the training loss stayed finite but the network overflows on other rows: it cannot predict,
                    // so the run stops as diverged, though not for the learning rate
                    throw heldOutOverflow(net, trainLoss, measured[0], plan);
                }
                EpochRecord record = new EpochRecord(net.getEpochCount(), trainLoss, trainAccuracy, measured[0],
                        measured[1]);
                history.add(record);
                stopping.update(record, net);
                observer.epochTimed(record.epoch(), seconds, batches.rows());
                observer.epochFinished(record);
                if (plan.checkpoints() != null && plan.checkpoints().due(record.epoch())) {
                    if (session != null) {
                        session.beforeCheckpoint();
                    }
                    plan.checkpoints().save(net, history, stopping);
                }
            }
        } finally {
            OnePassAdam.uninstall(net);
            net.setListeners(previous == null ? List.of() : previous);
            observer.trainingFinished();
        }
        return finish(net, history, stopping, plan, resumedFrom);
    }

    /**
     * One pass over the batches; returns the mean mini-batch loss. Stops at the first NaN or infinite loss, and checks
     * the parameters once at the end of the epoch: a parameter that became NaN or infinite makes the next step's loss
     * NaN, so the per-step loss check catches it one step later without a pass over all parameters per step.
     */
    private double runEpoch(MultiLayerNetwork net, EpochIterator batches, TrainingPlan plan) {
        batches.startEpoch(net.getEpochCount());
        double lossSum = 0;
        int examples = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.nextReusing(); // net.fit is done with it before the next one
            int iteration = net.getIterationCount();
            net.fit(batch);
            double loss = net.score();
            if (!Double.isFinite(loss)) {
                throw diverged(net, loss, net.getEpochCount() + 1, iteration, plan, "");
            }
            lossSum += loss * batch.numExamples();
            examples += batch.numExamples();
        }
        if (!finiteParameters(net)) {
            throw diverged(net, lossSum / examples, net.getEpochCount() + 1, net.getIterationCount() - 1, plan, "");
        }
        return lossSum / examples;
    }

    /**
     * One epoch computed by {@code session}; the divergence check runs after it: a NaN or infinite loss names the
     * iteration the session found (else the epoch's first, and the message says the loss was checked once per epoch),
     * non-finite parameters the epoch's last iteration, as for the local loop.
     */
    private double runEpoch(MultiLayerNetwork net, EpochRunner.Session session, TrainingPlan plan) {
        int iteration = net.getIterationCount();
        double loss = session.runEpoch();
        if (!Double.isFinite(loss)) {
            OptionalInt at = session.divergedAt();
            throw diverged(net, loss, net.getEpochCount() + 1, at.orElse(iteration), plan, at.isPresent() ? ""
                    : " (checked once per epoch: the epoch's first iteration is named)");
        }
        if (!finiteParameters(net)) {
            throw diverged(net, loss, net.getEpochCount() + 1, Math.max(iteration, net.getIterationCount() - 1), plan,
                    "");
        }
        return loss;
    }

    /** Whether the parameters sum to a finite number: false as soon as one of them is NaN or infinite. */
    private static boolean finiteParameters(MultiLayerNetwork net) {
        return Double.isFinite(net.params().sumNumber().doubleValue());
    }

    private TrainingResult finish(MultiLayerNetwork net, History history, EarlyStopping stopping, TrainingPlan plan,
                                  int resumedFrom) {
        int last = net.getEpochCount();
        boolean early = stopping.shouldStop(last) && last < plan.maxEpochs();
        String reason = early
                ? String.format(Locale.ROOT,
                        "early stopping: the validation loss has not improved for %d epoch%s since epoch %d",
                        stopping.patience(), stopping.patience() == 1 ? "" : "s", stopping.bestEpoch())
                : String.format(Locale.ROOT, "reached the maximum of %d epoch%s", plan.maxEpochs(),
                        plan.maxEpochs() == 1 ? "" : "s");
        int kept = last;
        if (plan.patience() > 0 && stopping.bestParams() != null && stopping.bestEpoch() != last) {
            net.setParams(stopping.bestParams());
            kept = stopping.bestEpoch();
        }
        if (kept != last) {
            reason += String.format(Locale.ROOT, "; kept the best epoch, %d (validation loss %.4f)", kept,
                    stopping.bestLoss());
        }
        observer.note(reason);
        return new TrainingResult(history, kept, reason, early, resumedFrom);
    }

    /**
     * The validation loss became NaN or infinite after an epoch whose training loss {@code trainLoss} and parameters
     * are finite: the network overflows on validation rows only, which a lower learning rate does not mend; the usual
     * cause is a validation value far outside the training rows' range, which standardisation (fitted on the training
     * rows) turns into an enormous input.
     */
    private TrainingDiverged heldOutOverflow(MultiLayerNetwork net, double trainLoss, double validationLoss,
                                             TrainingPlan plan) {
        int epoch = net.getEpochCount(), iteration = net.getIterationCount() - 1;
        String kept = plan.checkpoints() == null ? "" : plan.checkpoints().latest()
                .map(p -> "; the last good checkpoint is kept in " + p).orElse("");
        return new TrainingDiverged(String.format(Locale.ROOT, "training stopped in epoch %d, iteration %d: the loss "
                + "on the validation rows is %s while the training loss is finite (%.4f), so the learning rate is not "
                + "the cause: the network overflows on some validation rows, most likely on a value far outside the "
                + "training rows' range (a warning at data preparation names it); check such values, or empty their "
                + "cells to read them as missing%s", epoch, iteration, validationLoss, trainLoss, kept), epoch,
                iteration);
    }

    private TrainingDiverged diverged(MultiLayerNetwork net, double loss, int epoch, int iteration, TrainingPlan plan,
                                      String checked) {
        String what = (Double.isFinite(loss) ? "a parameter became NaN or infinite" : "the loss is " + loss) + checked;
        Double lr = net.getLearningRate(0);
        String advice = lr == null ? "the learning rate is likely too high; lower it about 10x"
                : "the learning rate " + lr + " is likely too high; try " + LearningRates.rounded(lr / 10)
                        + " (10x lower)";
        String kept = plan.checkpoints() == null ? "" : plan.checkpoints().latest()
                .map(p -> "; the last good checkpoint is kept in " + p + " (resuming it at this rate diverges again:"
                        + " start a new run at a lower rate)")
                .orElse("; no checkpoint had been written yet");
        return new TrainingDiverged(String.format(Locale.ROOT, "training diverged in epoch %d, iteration %d: %s — %s%s",
                epoch, iteration, what, advice, kept), epoch, iteration);
    }

    /**
     * Loss and accuracy of {@code data} ({NaN, NaN} for null), as {@code net.score(data, false)} and {@link #accuracy}
     * give them, from one forward pass instead of two: the pass stops at the output layer's input a, the output layer's
     * z = a·W + b gives the loss (the layer's own loss function, averaged over the rows, plus the regularisation term)
     * and the predicted class (arg max of z: softmax and sigmoid keep the order of z). Networks {@link BatchAccuracy}
     * does not cover, and data with masks, take the two passes.
     */
    static double[] validation(MultiLayerNetwork net, DataSet data) {
        if (data == null) {
            return new double[] {Double.NaN, Double.NaN};
        }
        if (!BatchAccuracy.applies(net) || data.getFeaturesMaskArray() != null || data.getLabelsMaskArray() != null
                || !(net.getOutputLayer().conf().getLayer()
                        instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer conf)) {
            return new double[] {net.score(data, false), accuracy(net, data)};
        }
        int last = net.getnLayers() - 1;
        INDArray input = last == 0 ? data.getFeatures()
                : net.feedForwardToLayer(last - 1, data.getFeatures(), false).get(last);
        BaseOutputLayer<?> output = (BaseOutputLayer<?>) net.getOutputLayer();
        INDArray labels = data.getLabels();
        INDArray z = BatchAccuracy.logits(output, input);
        double loss = conf.getLossFn().computeScore(labels, z, conf.getActivationFn(), null, false);
        if (output.conf().isMiniBatch()) {
            loss /= data.numExamples();
        }
        loss += net.calcRegularizationScore(true);
        double accuracy = z.argMax(1).eq(labels.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        return new double[] {loss, accuracy};
    }

    /** Fraction of rows whose most probable class is the labelled one; NaN for null. */
    static double accuracy(MultiLayerNetwork net, DataSet data) {
        if (data == null) {
            return Double.NaN;
        }
        INDArray predicted = net.output(data.getFeatures(), false).argMax(1);
        return predicted.eq(data.getLabels().argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
