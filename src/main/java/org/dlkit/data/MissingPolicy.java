package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.util.Locale;

/** What happens to a row with a missing feature value. */
public enum MissingPolicy {
    /** Fill it in: the median of a numeric column, the most frequent category, both learnt from the training rows. */
    IMPUTE,
    /** Leave the row out (training and evaluation; predictions still impute, so every row gets one). */
    DROP,
    /** Stop with an error naming the first missing cell. */
    ERROR;

    /** Looks a policy up by name: impute, drop or error. */
    public static MissingPolicy byName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DlkitException("--missing '" + name + "' is unknown; expected impute, drop or error");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
