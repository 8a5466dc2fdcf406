package org.dlkit.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options that warnings suggest can be copied into a shell: a column name with spaces is quoted. */
class ValueHintsTest {

    @Test
    void columnNamesAreQuotedForTheShellWhenTheyNeedIt() {
        assertEquals("Age", ValueHints.argument("Age"));
        assertEquals("customer_id", ValueHints.argument("customer_id"));
        assertEquals("'Body Mass (g)'", ValueHints.argument("Body Mass (g)"));
        assertEquals("'it'\\''s'", ValueHints.argument("it's"));
        assertEquals("'$price'", ValueHints.argument("$price"));
        assertEquals("'Größe'", ValueHints.argument("Größe"), "non-ASCII letters are quoted too: safe in any locale");
    }

    @Test
    void aNameWithACommaIsDoubleQuotedForAListOptionAndItsPiecesAreNamed() {
        assertEquals("'\"ticket, no\"'", ValueHints.listArgument("ticket, no"));
        assertEquals("'\"a,b\"'", ValueHints.listArgument("a,b"));
        assertEquals("Age", ValueHints.listArgument("Age"));
        List<String> names = List.of("age", "a,b");
        assertEquals(" (a name with a comma is split at it: put it in double quotes, --numeric '\"a,b\"')",
                ValueHints.commaSplit("numeric", "b", names));
        assertEquals("", ValueHints.commaSplit("numeric", "c", names));
    }

    @Test
    void theWarningsOfPenguinsLikeNamesQuoteThem(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Sample Number,Body Mass (g),Species\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i + 1).append(',').append(3000 + i * 37 % 500).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        List<String> warnings = new ArrayList<>();
        FeatureTransform.fit(LabelledData.fromCsv(Files.writeString(dir.resolve("p.csv"), csv), "Species"),
                warnings::add);
        assertTrue(warnings.contains("column 'Sample Number' holds unique increasing integers, like a row ID; left out "
                + "(pass --numeric 'Sample Number' to use it)"), warnings.toString());
    }
}
