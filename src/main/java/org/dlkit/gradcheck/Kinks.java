package org.dlkit.gradcheck;

import org.dlkit.autodiff.Node;
import org.dlkit.autodiff.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a translated network's derivative jumps: at 0 for the pre-activations of ReLU-family layers (at ±2.5 for the
 * hard sigmoid, ±1 for hard tanh, 0 and 6 for ReLU6), at 0 for the residuals ŷ − y of an L1 loss and for a
 * parameter under an L1 penalty. Central differences across such a point
 * measure no derivative, so the check reports how close a batch comes to one and which finite differences straddle
 * one.
 */
final class Kinks {

    private Kinks() {
    }

    /**
     * The signs of every value's distance to its kink, with one parameter entry moved by {@code delta}: the
     * pre-activations of ReLU-family layers (z − k for each kink k), the residuals ŷ − y of an L1 loss, and the entry itself when its block
     * has an L1 penalty. Where the signs at θ − ε and θ + ε differ, a central difference straddles a kink.
     */
    static double[] signsWith(AutodiffNetwork net, Tensor features, Tensor labels, String key, int index,
                              double delta) {
        return net.with(key, index, delta, () -> {
            List<Double> signs = new ArrayList<>();
            AutodiffNetwork.Graph graph = net.graph(features, labels);
            for (Map.Entry<Integer, Node> e : graph.kinkedPreActivations().entrySet()) {
                double[] kinks = net.kinks(e.getKey());
                for (double v : e.getValue().value().toArray()) {
                    for (double k : kinks) {
                        signs.add(Math.signum(v - k));
                    }
                }
            }
            residuals(net, graph, labels).forEach(r -> signs.add(Math.signum(r)));
            if (net.l1Penalised(key)) {
                signs.add(Math.signum(net.parameter(key, index)));
            }
            return signs.stream().mapToDouble(Double::doubleValue).toArray();
        });
    }

    /** The smallest distance of a value to its kink on this batch, and where; null when there is no kink. */
    static Distance closest(AutodiffNetwork net, Tensor features, Tensor labels) {
        AutodiffNetwork.Graph graph = net.graph(features, labels);
        Distance closest = null;
        for (Map.Entry<Integer, Node> e : graph.kinkedPreActivations().entrySet()) {
            Tensor z = e.getValue().value();
            for (double k : net.kinks(e.getKey())) {
                for (int i = 0; i < z.size(); i++) {
                    if (closest == null || Math.abs(z.get(i) - k) < closest.distance()) {
                        closest = new Distance(Math.abs(z.get(i) - k), "pre-activation of " + net.layerName(e.getKey())
                                + ", example " + i / z.cols() + ", unit " + i % z.cols() + (k == 0 ? "" : " (|z| measured from "
                                + "its kink at " + k + ")"));
                    }
                }
            }
        }
        List<Double> residuals = residuals(net, graph, labels);
        for (int i = 0; i < residuals.size(); i++) {
            if (closest == null || Math.abs(residuals.get(i)) < closest.distance()) {
                closest = new Distance(Math.abs(residuals.get(i)), "L1 loss residual ŷ − y, example "
                        + i / labels.cols() + ", output " + i % labels.cols());
            }
        }
        return closest;
    }

    /** How close a batch comes to a kink: |z| of the closest value and where it is. */
    record Distance(double distance, String where) {
    }

    /** ŷ − y of an L1 or MAE loss (whose derivative jumps where they are 0); empty for the other losses. */
    private static List<Double> residuals(AutodiffNetwork net, AutodiffNetwork.Graph graph, Tensor labels) {
        LossTranslation loss = net.loss();
        List<Double> out = new ArrayList<>();
        if (loss == LossTranslation.L1 || loss == LossTranslation.MAE) {
            Tensor prediction = graph.prediction().value();
            for (int i = 0; i < prediction.size(); i++) {
                out.add(prediction.get(i) - labels.get(i));
            }
        }
        return out;
    }
}
