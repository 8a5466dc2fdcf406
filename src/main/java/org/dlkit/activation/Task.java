package org.dlkit.activation;

import java.util.Arrays;
import java.util.Locale;
import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;

/** What the network predicts; it decides the output layer's activation and the loss. */
public enum Task {
    /** one of two classes */
    BINARY,
    /** exactly one of k classes */
    MULTI_CLASS,
    /** any subset of k labels, each on its own */
    MULTI_LABEL,
    /** one or more real numbers */
    REGRESSION;

    /** The task named {@code name}, ignoring case, '-' and '_' ("multi-class", "multiclass", "MULTI_CLASS"). */
    public static Task get(String name) {
        String wanted = name == null ? "" : Names.key(name);
        for (Task t : values()) {
            if (Names.key(t.name()).equals(wanted)) {
                return t;
            }
        }
        throw new DlkitException("unknown task '" + name + "': expected one of "
                + Arrays.stream(values()).map(Task::toString).toList());
    }

    /** Lower case with a hyphen, e.g. "multi-class". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
