package org.dlkit.cli;

import picocli.CommandLine.ITypeConverter;

/**
 * One column name of a list option ({@code --ignore}, {@code --categorical}, {@code --numeric}), which picocli splits
 * at commas but not inside double quotes: a name in double quotes loses them, so that {@code --ignore '"ticket, no"'}
 * names the column {@code ticket, no} (a quote inside is doubled, as CSV writes it).
 */
final class ColumnName implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).replace("\"\"", "\"") : value;
    }
}
