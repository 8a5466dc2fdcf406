package org.dlkit.data;

import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CSV header's cells as column names. An empty cell names its column {@code Unnamed: i} (i counted from 0), as pandas
 * does: the first column of a {@code df.to_csv()} written with its index is {@code Unnamed: 0}, a row ID that the
 * schema leaves out; an empty last column (a trailing delimiter) is dropped ({@link RawTable#withoutUnnamedLast()}).
 * A name used twice is an error.
 */
final class HeaderNames {

    private HeaderNames() {
    }

    /** The name of the unnamed column {@code i} (0-based). */
    static String unnamed(int i) {
        return "Unnamed: " + i;
    }

    /** Whether the last of {@code names} is unnamed (its header line ended in a delimiter). */
    static boolean lastUnnamed(List<String> names) {
        return names.get(names.size() - 1).equals(unnamed(names.size() - 1));
    }

    /**
     * The index of column {@code name} in {@code names}, matched exactly; else a one-line error naming it as
     * {@code what} ("ID column"), the column it may mean (the same name but for case, spaces, '_' and '-', as
     * {@link Names#key} matches) and the columns there are.
     */
    static int index(Path file, List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i >= 0) {
            return i;
        }
        String near = names.stream().filter(n -> Names.key(n).equals(Names.key(name))).findFirst()
                .map(n -> " (did you mean '" + n + "'? column names are matched exactly)").orElse("");
        throw new DlkitException(String.format(Locale.ROOT,
                "%s: no column '%s' for the %s%s; the columns are: %s", file, name,
                what, near, String.join(", ", names)));
    }

    /** The names in the header on line {@code line}; a name used twice is an error. */
    static List<String> of(Path file, long line, List<byte[]> cells, Charset charset) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = new String(cells.get(i), charset).trim();
            name = name.isEmpty() ? unnamed(i) : name;
            if (names.contains(name)) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s, line %d: header names column '%s' twice (columns %d and "
                        + "%d); expected distinct names", file, line, name, names.indexOf(name) + 1, i + 1));
            }
            names.add(name);
        }
        return names;
    }
}
