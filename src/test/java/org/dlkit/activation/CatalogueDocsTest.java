package org.dlkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlkit.error.DlkitException;
import org.dlkit.init.WeightInitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The names the README writes out are the catalogue's and the init strategies', in their order, and each name it
 * calls refused is refused; the tables of {@code docs/activations.md} are generated from the catalogue (on a
 * difference the expected file is written to {@code target/activations.md}, to copy over the doc).
 */
class CatalogueDocsTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOC = Path.of("docs", "activations.md");
    static final String MARKER = "<!-- generated from the catalogue by CatalogueDocsTest: do not edit below -->";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    @Test
    void readmeListsEveryActivationAndWeightInitName() throws IOException {
        String readme = Files.readString(README);
        assertEquals(Activations.keys(), backticked(between(readme, "Activation names (`Activations.keys()`):", ";")));
        assertEquals(Arrays.stream(WeightInitStrategy.values()).map(WeightInitStrategy::toString).toList(),
                backticked(between(readme, "Weight init names:", ", with Keras'")));
    }

    @Test
    void everyNameTheReadmeCallsRefusedIsRefused() throws IOException {
        String readme = Files.readString(README);
        String activations = between(readme, "Activation names", "- `org.dlkit.init`");
        List<String> refused = backticked(between(activations, "Refused, each\n  with its reason:", "The\n"));
        assertTrue(refused.size() >= 5, refused.toString());
        for (String name : refused) {
            assertRefused(() -> Activations.get(name), "activation '" + name + "' is refused: ");
        }
        String initParagraph = between(readme, "Weight init names:", "\n- ");
        List<String> inits = backticked(initParagraph.substring(initParagraph.indexOf("Refused,")));
        assertTrue(inits.size() >= 6, inits.toString());
        for (String name : inits) {
            assertRefused(() -> WeightInitStrategy.get(name), "weight init '" + name + "' is refused: ");
        }
    }

    @Test
    void docsTablesAreTheCatalogues() throws IOException {
        String doc = Files.readString(DOC);
        int at = doc.indexOf(MARKER);
        assertTrue(at >= 0, DOC + " has no line " + MARKER);
        String expected = doc.substring(0, at) + MARKER + "\n\n" + tables();
        if (!expected.equals(doc)) {
            Path out = Path.of("target", "activations.md");
            Files.writeString(out, expected);
            assertEquals(expected, doc, DOC + " differs from the catalogue: copy " + out + " over it");
        }
    }

    /** The generated part of docs/activations.md. */
    static String tables() {
        StringBuilder md = new StringBuilder();
        md.append("## Activations (`Activations.all()`)\n\n")
                .append("| name | formula | derivative | range | zero-centred | saturates | cost | DL4J |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<String> differences = new ArrayList<>();
        for (ActivationFunction f : Activations.all()) {
            md.append("| `").append(f.key()).append("` | ").append(cell(f.formula())).append(" | ")
                    .append(cell(f.derivativeFormula())).append(" | ").append(cell(f.range().text())).append(" | ")
                    .append(f.zeroCentred() ? "yes" : "no").append(" | ").append(cell(f.saturation().toString()))
                    .append(" | ").append(cell(f.cost().toString())).append(" | `").append(cell(f.dl4jCode()))
                    .append("` |\n");
            if (!f.kerasDifference().isEmpty()) {
                differences.add("- `" + f.key() + "`: " + f.kerasDifference() + ".\n");
            }
        }
        md.append("\nWhere DL4J differs from Keras and PyTorch under the same name (a warning when chosen):\n\n");
        differences.forEach(md::append);
        md.append("\n## Weight inits (`WeightInitStrategy`)\n\n")
                .append("| name | W | DL4J | why it works or fails |\n| --- | --- | --- | --- |\n");
        for (WeightInitStrategy s : WeightInitStrategy.values()) {
            md.append("| `").append(s).append("` | ").append(cell(s.formula())).append(" | `")
                    .append(cell(s.dl4jCode())).append("` | ").append(cell(s.reason())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static void assertRefused(Executable lookup, String start) {
        try {
            lookup.execute();
        } catch (DlkitException e) {
            assertTrue(e.getMessage().startsWith(start), e.getMessage());
            return;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
        throw new AssertionError("accepted: " + start);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, "no '" + from + "'");
        int end = text.indexOf(to, start + from.length());
        assertTrue(end >= 0, "no '" + to + "' after '" + from + "'");
        return text.substring(start + from.length(), end);
    }

    private static List<String> backticked(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
