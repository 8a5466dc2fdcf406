package org.dlkit.error;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The reader of an output went away: {@code dlkit predict --out /dev/stdout | head -3} after {@code head} exited.
 * Unix tools stop quietly there (killed by SIGPIPE, exit status 141 = 128 + 13); the CLI does the same.
 */
public final class OutputClosed extends DlkitException {

    /** The exit status of a Unix tool stopped by SIGPIPE: 128 + signal 13. */
    public static final int EXIT_CODE = 141;

    public OutputClosed(Path target, Throwable cause) {
        super(target + ": the reader closed it (broken pipe)", cause);
    }

    /** Whether {@code t} is the failed write to a pipe whose reader has exited (EPIPE). */
    public static boolean isBrokenPipe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null && c.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }
}
