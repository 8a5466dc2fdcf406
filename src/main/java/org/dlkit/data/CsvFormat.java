package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How a CSV's cells are separated and how its numbers are written: the delimiter ({@code ,} {@code ;} tab {@code |}, or
 * detected from the header line, see {@link DelimiterSniffer}) and the decimal mark. With decimal commas (pandas'
 * {@code decimal=','}, European spreadsheets) {@code 1,5} is 1.5 and {@code 1.234,5} is 1234.5: a point may only group
 * thousands. Decimal commas need a delimiter other than the comma. The text is UTF-8, or Windows-1252 (what Excel's
 * plain "CSV" export writes in western Europe) when the file's first bytes are not valid UTF-8.
 *
 * @param delimiter the cell delimiter, or {@link #DETECT} (0) to detect it from the file
 * @param decimal   how numbers are written
 * @param charset   the text's encoding, null to detect it (UTF-8 unless the first bytes are not valid UTF-8)
 */
public record CsvFormat(char delimiter, Decimal decimal, Charset charset) {

    /** Whether {@code file} is {@code -}: the rows on standard input, wherever a CSV path is taken. */
    public static boolean isStandardInput(Path file) {
        return file.toString().equals("-");
    }


    /** The delimiter value that means "detect it from the header line". */
    public static final char DETECT = 0;

    /** The delimiters dlkit reads (and detects), in the order ties are broken. */
    static final char[] DELIMITERS = {',', ';', '\t', '|'};

    /** The default: delimiter detected, decimal points, encoding detected. */
    public static final CsvFormat DEFAULT = new CsvFormat(DETECT, Decimal.POINT);

    /** Windows-1252, read when a file is not UTF-8. */
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** How numbers are written. */
    public enum Decimal {
        /** {@code 1234.5}. */
        POINT,
        /** {@code 1234,5} or {@code 1.234,5}; asked for, so a comma-separated file is an error. */
        COMMA,
        /**
         * Decimal commas unless the file is comma-separated (then points): how a model trained with decimal commas
         * reads the files it predicts, which may come from another program.
         */
        COMMA_UNLESS_COMMA_SEPARATED
    }

    /** A format whose encoding is detected. */
    public CsvFormat(char delimiter, Decimal decimal) {
        this(delimiter, decimal, null);
    }

    public CsvFormat {
        if (delimiter != DETECT && new String(DELIMITERS).indexOf(delimiter) < 0) {
            throw new DlkitException("delimiter '" + delimiter + "' is not supported; expected ',', ';', tab or '|'");
        }
        if (delimiter == ',' && decimal == Decimal.COMMA) {
            throw new DlkitException("--decimal-comma needs a delimiter other than ',' (a comma cannot both separate "
                    + "cells and mark decimals); expected --delimiter ';', tab or '|'");
        }
    }

    /**
     * The delimiter named by a user: {@code ,} {@code ;} {@code |}, {@code tab} or {@code \t} (a backslash and a t, or
     * a real tab), also in quotes ({@code ';'}); null or empty means detect.
     */
    public static char delimiterNamed(String name) {
        if (name == null || name.isEmpty()) {
            return DETECT;
        }
        String n = name.length() == 3 && (name.charAt(0) == '\'' || name.charAt(0) == '"')
                && name.charAt(2) == name.charAt(0) ? name.substring(1, 2) : name.toLowerCase(Locale.ROOT);
        if (n.equals("tab") || n.equals("\\t") || n.equals("\t")) {
            return '\t';
        }
        if (n.length() == 1 && new String(DELIMITERS).indexOf(n.charAt(0)) >= 0) {
            return n.charAt(0);
        }
        throw new DlkitException("--delimiter '" + name + "' is not supported; expected ',', ';', 'tab' (or '\\t') "
                + "or '|'");
    }

    public CsvFormat withDelimiter(char d) {
        return new CsvFormat(d, decimal, charset);
    }

    public CsvFormat withDecimal(Decimal d) {
        return new CsvFormat(delimiter, d, charset);
    }

    /** The encoding cells are decoded with: UTF-8 unless another was detected. */
    Charset encoding() {
        return charset != null ? charset : StandardCharsets.UTF_8;
    }

    /** Whether numbers are read with decimal commas once the delimiter is known. */
    public boolean decimalComma() {
        return decimal == Decimal.COMMA || decimal == Decimal.COMMA_UNLESS_COMMA_SEPARATED && delimiter != ','
                && delimiter != DETECT;
    }

    /**
     * This format with the file's delimiter {@code detected} (kept when one was given) and its encoding
     * {@code encoding}; a file found to be comma-separated with {@code --decimal-comma} asked for is an error naming
     * it.
     */
    CsvFormat resolve(String file, char detected, Charset encoding) {
        char d = delimiter != DETECT ? delimiter : detected;
        if (d == ',' && decimal == Decimal.COMMA) {
            throw new DlkitException(file + ": --decimal-comma, but the file is comma-separated (its header splits at "
                    + "commas); decimal commas need ';', tab or '|' between cells (--delimiter)");
        }
        return new CsvFormat(d, decimal == Decimal.COMMA_UNLESS_COMMA_SEPARATED && d == ',' ? Decimal.POINT : decimal,
                charset != null ? charset : encoding);
    }

    /** The delimiter as people name it: {@code ','}, {@code ';'}, {@code tab}, {@code '|'}. */
    static String name(char d) {
        return d == '\t' ? "tab" : "'" + d + "'";
    }

    /**
     * How the stage-1 line describes a file read this way, after its name: empty for the usual comma-separated file
     * with decimal points in UTF-8, else e.g. {@code " (';'-separated, decimal commas, windows-1252)"}.
     */
    public String describe() {
        java.util.List<String> notes = new java.util.ArrayList<>();
        if (delimiter != ',' && delimiter != DETECT) {
            notes.add(name(delimiter) + "-separated");
        }
        if (decimalComma()) {
            notes.add("decimal commas");
        }
        if (!encoding().equals(StandardCharsets.UTF_8)) {
            notes.add(encoding().name().toLowerCase(Locale.ROOT));
        }
        return notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")";
    }
}
