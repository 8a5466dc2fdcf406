package org.dlkit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import java.util.List;

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

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append(System.lineSeparator()));
        warnings.forEach(w -> out.append("warning: ").append(w).append(System.lineSeparator()));
        return out.toString();
    }
}
