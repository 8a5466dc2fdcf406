package org.dlkit.cli;

import org.dlkit.error.DlkitException;

import java.util.Set;
import java.util.function.Supplier;

/** Library messages name parameters; the CLI prefixes them with the flag that set the parameter. */
final class OptionErrors {

    private OptionErrors() {
    }

    /**
     * Runs {@code call}; a {@link DlkitException} whose message starts with one of {@code parameters} ("layers must
     * be ...") gets the flag of the same name instead ("--layers must be ..."): for options named after the
     * library's parameters.
     */
    static <T> T parameters(Set<String> parameters, Supplier<T> call) {
        try {
            return call.get();
        } catch (DlkitException e) {
            String m = e.getMessage();
            int space = m.indexOf(' ');
            String first = space < 0 ? m : m.substring(0, space);
            throw new DlkitException(parameters.contains(first) ? "--" + m : m, e);
        }
    }

    /** Runs {@code call}, prefixing a {@link DlkitException}'s message with {@code option}, e.g. "--rows: ...". */
    static <T> T named(String option, Supplier<T> call) {
        try {
            return call.get();
        } catch (DlkitException e) {
            throw new DlkitException(option + ": " + e.getMessage(), e);
        }
    }

    /** {@code value} when it is above zero; otherwise "OPTION VALUE is invalid; expected a positive integer". */
    static int positive(String option, int value) {
        if (value <= 0) {
            throw new DlkitException(option + " " + value + " is invalid; expected a positive integer");
        }
        return value;
    }
}
