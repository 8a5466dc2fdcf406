package org.dlkit;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dlkit.data.FeatureTransform;
import org.dlkit.data.ImageFolder;
import org.dlkit.init.WeightInitStrategy;
import org.dlkit.model.ModelInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A saved model described as it is, the way {@code explain} describes a network before training: what it predicts,
 * the feature columns and what the transform learnt of each (or the image size), each layer of the DL4J network as
 * restored (sizes, parameters, activation, weight init, loss), the settings recorded at training, and the metrics on
 * the held-out rows. Everything is read from the model, nothing is recomputed from today's defaults.
 *
 * <p>In the façade, beside {@link TrainedClassifier#explain()} its one user, not in {@code org.dlkit.model}: naming
 * the weight init takes {@code org.dlkit.init}, which imports {@code activation}, which imports {@code model}.
 */
final class ModelSummary {

    private ModelSummary() {
    }

    /** The lines describing the model: the image size for a model trained on images, else the feature columns. */
    static List<String> lines(MultiLayerNetwork net, ModelInfo info, FeatureTransform transform,
                              Map<String, Object> metrics) {
        List<String> lines = new ArrayList<>();
        ImageFolder.Size imageSize = info.imageSize();
        lines.add(String.format(Locale.ROOT,
                "model: predicts %s (%d classes: %s); trained by dlkit %s, seed %d", info.labelName(),
                info.classNames().size(), String.join(", ", info.classNames()), info.dlkitVersion(), info.seed()));
        if (imageSize != null) {
            lines.add(String.format(Locale.ROOT,
                    "features: images resampled to %s pixels, gray, scaled to [0, 1] -> %d inputs "
                    + "(standardised as the training images were)", imageSize, info.featureNames().size()));
        } else {
            lines.add(String.format(Locale.ROOT,
                    "features: %d columns -> %d inputs (kinds, categories and fill values learnt from "
                    + "the training rows; numbers standardised, categories one-hot)", transform.inputNames().size(),
                    info.featureNames().size()));
            transform.schema().table().lines().forEach(lines::add);
        }
        for (int i = 0; i < net.getnLayers(); i++) {
            lines.addAll(layer(i, net.getLayerWiseConfigurations().getConf(i).getLayer(), net.getLayer(i).numParams()));
        }
        lines.add(String.format(Locale.ROOT, "parameters: %,d", net.numParams()));
        lines.add("settings at training:" + (info.settings().isEmpty() ? " none recorded" : ""));
        new TreeMap<>(info.settings()).forEach((k, v) -> lines.add("  " + k + ": " + v));
        Object accuracy = metrics.get("accuracy");
        if (accuracy instanceof Number a) {
            Object f1 = metrics.get("macro_f1");
            lines.add(String.format(Locale.ROOT, "held-out evaluation: accuracy %.4f, macro F1 %s (%s rows)",
                    a.doubleValue(), f1 instanceof Number f ? String.format(Locale.ROOT, "%.4f", f.doubleValue())
                            : "n/a", metrics.getOrDefault("examples", "?")));
        }
        return lines;
    }

    private static List<String> layer(int index, Layer layer, long params) {
        List<String> lines = new ArrayList<>();
        String kind = layer instanceof BaseOutputLayer ? "output" : "dense";
        String sizes = layer instanceof FeedForwardLayer f ? f.getNIn() + " -> " + f.getNOut() : "";
        lines.add(String.format(Locale.ROOT, "layer %d  %s %s, %,d parameters", index, kind, sizes, params));
        if (layer instanceof BaseLayer b) {
            lines.add("  activation: " + b.getActivationFn()
                    + (layer instanceof BaseOutputLayer o ? ", loss: " + lossName(o) : ""));
            lines.add("  init: " + initName(b));
        }
        return lines;
    }

    private static String lossName(BaseOutputLayer layer) {
        return layer.getLossFn() == null ? "none" : layer.getLossFn().getClass().getSimpleName().replaceFirst("^Loss", "");
    }

    /** The course's name and formula of the layer's weight init when it is one of dlkit's, and DL4J's class. */
    private static String initName(BaseLayer layer) {
        IWeightInit init = layer.getWeightInitFn();
        if (init == null) {
            return "none";
        }
        String dl4j = "DL4J " + init.getClass().getSimpleName();
        return WeightInitStrategy.of(init).map(s -> s + ", " + s.formula() + " (" + dl4j + ")").orElse(dl4j);
    }
}
