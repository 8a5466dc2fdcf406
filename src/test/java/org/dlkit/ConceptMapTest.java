package org.dlkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seeds/concept-map.md} covers every course card with code and a check, and everything it names exists: each
 * repository path, each test method ({@code path#method}) and each notebook cell ({@code notebooks/NAME.ipynb#id}).
 */
class ConceptMapTest {

    private static final Path MAP = Path.of("seeds", "concept-map.md");
    private static final Path CARDS = Path.of("seeds", "course-cards.txt");
    private static final int CARDS_IN_THE_COURSE = 32;
    /** A table row: | number | card | code | checks | correct statement |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|(.*)\\|$");
    /** A reference in backticks that names a repository path, optionally with #member. */
    private static final Pattern REFERENCE = Pattern.compile("`([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+)(?:#([A-Za-z0-9_-]+))?`");
    private static final Pattern ANY_BACKTICKED = Pattern.compile("`([^`]+)`");

    record Row(int card, String question, String code, String checks, String statement) {
    }

    @Test
    void everyCardHasOneRowWithCodeAndAtLeastOneCheck() throws IOException {
        Map<Integer, Row> rows = rows();
        assertEquals(rangeOfCards(), rows.keySet(), "one row per card, 1 to " + CARDS_IN_THE_COURSE);
        for (Row row : rows.values()) {
            assertTrue(!references(row.code()).isEmpty(), "card " + row.card() + ": no code named");
            List<String[]> checks = references(row.checks());
            assertTrue(!checks.isEmpty(), "card " + row.card() + ": no check named");
            for (String[] check : checks) {
                boolean test = check[0].startsWith("src/test/java/") && check[0].endsWith(".java") && check[1] != null;
                boolean cell = check[0].startsWith("notebooks/") && check[0].endsWith(".ipynb") && check[1] != null;
                assertTrue(test || cell, "card " + row.card() + ": a check is a test method (src/test/java/...#method)"
                        + " or a notebook cell (notebooks/NAME.ipynb#cell-id), got " + check[0] + "#" + check[1]);
            }
        }
    }

    @Test
    void everyQuestionIsACardOfTheCourse() throws IOException {
        Set<String> lines = Files.readAllLines(CARDS).stream().map(String::strip).collect(Collectors.toSet());
        for (Row row : rows().values()) {
            assertTrue(lines.contains(row.question()),
                    "card " + row.card() + ": '" + row.question() + "' is not a line of " + CARDS);
        }
    }

    @Test
    void everyPathTestMethodAndNotebookCellExists() throws IOException {
        List<String> missing = new ArrayList<>();
        Map<Path, Set<String>> cellIds = new HashMap<>();
        for (Row row : rows().values()) {
            for (String[] ref : references(row.code() + " " + row.checks() + " " + row.statement())) {
                Path path = Path.of(ref[0]);
                String where = "card " + row.card() + ": " + ref[0] + (ref[1] == null ? "" : "#" + ref[1]);
                if (!Files.exists(path)) {
                    missing.add(where + " (no such path)");
                } else if (ref[1] != null && ref[0].endsWith(".java") && !declaresMethod(path, ref[1])) {
                    missing.add(where + " (no such method)");
                } else if (ref[1] != null && ref[0].endsWith(".ipynb")
                        && !cellIds.computeIfAbsent(path, ConceptMapTest::cellIds).contains(ref[1])) {
                    missing.add(where + " (no cell with this id)");
                }
            }
        }
        assertEquals(List.of(), missing, "references in " + MAP + " that do not exist");
    }

    /** The backticked words that look like paths are all checked: a path without a slash would slip through. */
    @Test
    void backtickedFileNamesAreRepositoryPaths() throws IOException {
        for (Row row : rows().values()) {
            Matcher m = ANY_BACKTICKED.matcher(row.code() + " " + row.checks());
            while (m.find()) {
                String word = m.group(1);
                if (word.matches(".*\\.(java|ipynb|md|csv|txt)(#.*)?")) {
                    assertTrue(REFERENCE.matcher("`" + word + "`").matches(),
                            "card " + row.card() + ": write `" + word + "` as a path from the repository root");
                }
            }
        }
    }

    static Map<Integer, Row> rows() throws IOException {
        Map<Integer, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(MAP)) {
            Matcher m = ROW.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String[] cells = m.group(2).split("(?<!\\\\)\\|", -1);
            assertEquals(4, cells.length, "5 columns expected: " + line);
            int card = Integer.parseInt(m.group(1));
            Row previous = rows.put(card, new Row(card, cells[0].strip(), cells[1], cells[2], cells[3].strip()));
            assertTrue(previous == null, "card " + card + " has two rows");
        }
        return rows;
    }

    /** {path, member or null} for each backticked reference in {@code text}. */
    static List<String[]> references(String text) {
        List<String[]> refs = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            refs.add(new String[] {m.group(1), m.group(2)});
        }
        return refs;
    }

    private static boolean declaresMethod(Path source, String method) {
        try {
            return Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(").matcher(Files.readString(source))
                    .find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> cellIds(Path notebook) {
        try {
            JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).path("cells");
            Set<String> ids = new java.util.HashSet<>();
            cells.forEach(c -> ids.add(c.path("id").asText()));
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException(notebook + ": not a readable notebook: " + e.getMessage(), e);
        }
    }

    private static Set<Integer> rangeOfCards() {
        Set<Integer> all = new java.util.TreeSet<>();
        for (int i = 1; i <= CARDS_IN_THE_COURSE; i++) {
            all.add(i);
        }
        return all;
    }
}
