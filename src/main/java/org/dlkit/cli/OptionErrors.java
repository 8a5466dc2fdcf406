package org.dlkit.cli;

import org.dlkit.error.DlkitException;

import java.util.function.Supplier;

/** Library messages name parameters; the CLI prefixes them with the flag that set the parameter. */
final class OptionErrors {

    private OptionErrors() {
    }

    /** Runs {@code call}, prefixing a {@link DlkitException}'s message with {@code option}, e.g. "--rows: ...". */
    static <T> T named(String option, Supplier<T> call) {
        try {
            return call.get();
        } catch (DlkitException e) {
            throw new DlkitException(option + ": " + e.getMessage(), e);
        }
    }
}
