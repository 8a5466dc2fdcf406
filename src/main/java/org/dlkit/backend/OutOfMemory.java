package org.dlkit.backend;

import org.dlkit.error.DlkitException;

import java.util.Locale;

/**
 * Running out of memory is an input problem (a network, a batch or a table too large for this JVM), not a bug: this
 * turns the JVM's {@link OutOfMemoryError} and ND4J's failed native allocation into one line that says what to change.
 */
public final class OutOfMemory {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private OutOfMemory() {
    }

    /**
     * The one-line explanation when {@code failure} (or one of its causes) is a heap or native allocation failure,
     * else null.
     */
    public static DlkitException of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().strip();
            if (t instanceof OutOfMemoryError) {
                return new DlkitException(line("out of memory (" + firstLine(message) + ")"), failure);
            }
            if (message.toLowerCase(Locale.ROOT).contains("allocation failed")
                    || message.contains("std::bad_alloc")) {
                return new DlkitException(line("out of native memory (ND4J: " + firstLine(message) + ")"), failure);
            }
        }
        return null;
    }

    private static String line(String what) {
        return String.format(Locale.ROOT, "%s: the network, the mini-batch or the data is too large for this JVM "
                + "(at most %.1f GiB of heap); use smaller sizes (--hidden, --batch-size, --units, ...) or give Java "
                + "more memory, e.g. DLKIT_JAVA_OPTS=-Xmx8g", what, Runtime.getRuntime().maxMemory() / GIB);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
