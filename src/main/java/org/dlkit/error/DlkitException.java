package org.dlkit.error;

/**
 * A user-facing failure: bad input, a missing file, an option out of range.
 *
 * <p>The message is one line that names the file, row, column or option and what was expected. The CLI prints it
 * without a stack trace and exits with code 2; any other exception is a bug and exits with code 1.
 */
public class DlkitException extends RuntimeException {

    public DlkitException(String message) {
        super(message);
    }

    public DlkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
