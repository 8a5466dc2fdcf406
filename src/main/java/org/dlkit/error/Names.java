package org.dlkit.error;

import java.util.Locale;

/**
 * How a name a user types (an activation, a weight init, an optimiser, a gradient-descent mode) is matched: ignoring
 * case, surrounding and inner spaces, '_' and '-', so "Leaky ReLU", "leaky_relu" and "leaky-relu" are one name.
 */
public final class Names {

    private Names() {
    }

    /** {@code name} trimmed, in lower case, without spaces, '_' and '-': "He_Normal" → "henormal". */
    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }
}
