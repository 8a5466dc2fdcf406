package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.util.regex.Pattern;

/** Parses the chosen columns of a {@link CsvTable} as finite numbers, naming file, line, column and value on failure. */
final class NumericColumns {

    /** A plain decimal number, optionally with an exponent: what spreadsheets and pandas write. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[-+]?(nan|inf|infinity)");

    private NumericColumns() {
    }

    static double[][] parse(CsvTable table, int[] columns) {
        double[][] values = new double[table.rows().size()][columns.length];
        for (int r = 0; r < values.length; r++) {
            CsvTable.Row row = table.rows().get(r);
            for (int k = 0; k < columns.length; k++) {
                values[r][k] = parseCell(table, row, columns[k]);
            }
        }
        return values;
    }

    private static double parseCell(CsvTable table, CsvTable.Row row, int column) {
        String cell = row.cells().get(column);
        String where = String.format("%s, line %d, column '%s'", table.file(), row.line(), table.header().get(column));
        if (cell.isEmpty()) {
            throw new DlkitException(where + ": empty cell; expected a number");
        }
        if (NOT_FINITE.matcher(cell).matches()) {
            throw new DlkitException(where + ": '" + cell + "' is not a finite number; NaN and infinity are not allowed");
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new DlkitException(where + ": '" + cell + "' is not a number");
        }
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value)) {
            throw new DlkitException(where + ": '" + cell + "' is out of the range of a double");
        }
        return value;
    }
}
