package org.dlkit.backend;

import java.util.Locale;

import org.dlkit.error.DlkitException;

/**
 * What the user asks for with {@code --backend}: a backend by name, or {@code auto}.
 *
 * <ul>
 *   <li>{@link #CPU}: run on the CPU or fail saying why (a {@code -Pcuda} build has no CPU backend);</li>
 *   <li>{@link #CUDA}: run on an NVIDIA GPU or fail with the preflight's reason;</li>
 *   <li>{@link #AUTO}: CUDA when the preflight says it can work, otherwise the CPU, with one line saying why.</li>
 * </ul>
 */
public enum BackendChoice {
    AUTO, CPU, CUDA;

    /** Parses {@code auto}, {@code cpu} or {@code cuda} (any case). */
    public static BackendChoice parse(String text) {
        String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (BackendChoice choice : values()) {
            if (choice.name().equals(name)) {
                return choice;
            }
        }
        throw new DlkitException("--backend: expected auto, cpu or cuda, got '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
