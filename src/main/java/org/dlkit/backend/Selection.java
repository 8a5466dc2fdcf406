package org.dlkit.backend;

/**
 * The backend dlkit runs on and why, decided before ND4J starts.
 *
 * @param choice  what was asked for
 * @param backend what runs
 * @param reason  why, in one line (e.g. "the CUDA backend is not in this build (built without -Pcuda)")
 */
public record Selection(BackendChoice choice, Backend backend, String reason) {

    /** The one line a command prints: {@code backend cpu (auto: ...)}. */
    public String line() {
        return "backend " + value();
    }

    /** What runs and why, for a report row labelled "backend": {@code cpu (auto: ...)}. */
    public String value() {
        return backend + " (" + choice + ": " + reason + ")";
    }
}
