package org.dlkit.data;

/** How a feature column enters the network. */
public enum ColumnKind {
    /** A number per row, standardised. */
    NUMERIC,
    /** A category per row (text, booleans, or integer codes on request), one-hot encoded. */
    CATEGORICAL,
    /** Left out: an ID, a date, free text, or as asked. */
    IGNORED;

    /** "numeric", "categorical", "ignored". */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
