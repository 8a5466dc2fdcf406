package org.dlkit.backend;

import org.dlkit.error.DlkitException;

/**
 * What {@link Preflight#decide} concluded: a backend to run with its reason, or a refusal with its cause.
 *
 * @param backend null when refused
 * @param cause   null unless refused
 */
record Decision(BackendChoice choice, Backend backend, Cause cause, String reason) {

    static Decision run(BackendChoice choice, Backend backend, String reason) {
        return new Decision(choice, backend, null, reason);
    }

    static Decision refuse(BackendChoice choice, Cause cause, String reason) {
        return new Decision(choice, null, cause, reason);
    }

    boolean refused() {
        return backend == null;
    }

    /** The one-line outcome: {@code cpu: <reason>} or {@code refused: <reason>}. */
    String summary() {
        return refused() ? "refused: " + reason : backend + ": " + reason;
    }

    /** The selection, or the user-facing failure {@code --backend cuda: <reason>}. */
    Selection selection() {
        if (refused()) {
            throw new DlkitException("--backend " + choice + ": " + reason);
        }
        return new Selection(choice, backend, reason);
    }
}
