package org.dlkit.activation;

import java.util.ArrayList;
import java.util.List;

/**
 * Every layer's activation for one network, as an {@link ActivationRule} chose them: one choice per hidden layer
 * (first to last), the output choice with its loss, and the warnings for choices the rules discourage.
 */
public record ActivationPlan(String rule, Task task, List<ActivationChoice> hidden, OutputChoice output,
                             List<String> warnings) {

    public ActivationPlan {
        hidden = List.copyOf(hidden);
        warnings = List.copyOf(warnings);
    }

    /** Number of hidden layers. */
    public int hiddenLayers() {
        return hidden.size();
    }

    /** One line per layer, then one per warning, e.g. for an {@code explain} printout. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            lines.add("layer " + i + " " + hidden.get(i));
        }
        lines.add("layer " + hidden.size() + " " + output);
        warnings.forEach(w -> lines.add("warning: " + w));
        return lines;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines());
    }
}
