package org.dlkit.data;

/**
 * How a column of rows given to a trained model is read as its training column was: numbers written as training wrote
 * them ({@link FormattedNumbers}: {@code $1,234.50} for a {@code $} column), or with thousands separators or a currency
 * symbol where training wrote them plainly ({@link FormattedNumbers#readInPlainColumn}), and booleans in another case
 * ({@link BooleanSpellings}: {@code TRUE} for {@code True}).
 */
final class AsTrained {

    private AsTrained() {
    }

    /** Reads {@code column} of {@code table} as {@code trained}, the model's column of that name, was read. */
    static void read(ColumnSchema trained, RawColumn column, RawTable table) {
        boolean decimalComma = table.format().decimalComma();
        if (trained.formatted() != null) {
            column.readFormatted(trained.formatted(), decimalComma);
        } else if (trained.kind() == ColumnKind.NUMERIC && column.isText()) {
            FormattedNumbers.readInPlainColumn(column, table.numRows(), table.format());
        }
        BooleanSpellings.asTrained(trained, column);
    }
}
