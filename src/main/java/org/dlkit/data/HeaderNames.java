package org.dlkit.data;

import org.dlkit.error.DlkitException;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CSV header's cells as column names. */
final class HeaderNames {

    private HeaderNames() {
    }

    /**
     * The names in the header on line {@code line}; the last may be empty (a trailing delimiter:
     * {@link RawTable#withoutUnnamedLast()} drops the column), any other empty or repeated name is an error.
     */
    static List<String> of(Path file, long line, List<byte[]> cells, Charset charset) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = new String(cells.get(i), charset).trim();
            if (name.isEmpty() && i < cells.size() - 1) {
                throw new DlkitException(String.format("%s, line %d: header column %d has no name; expected a name "
                        + "for every column", file, line, i + 1));
            }
            if (!name.isEmpty() && names.contains(name)) {
                throw new DlkitException(String.format("%s, line %d: header names column '%s' twice (columns %d and "
                        + "%d); expected distinct names", file, line, name, names.indexOf(name) + 1, i + 1));
            }
            names.add(name);
        }
        return names;
    }
}
