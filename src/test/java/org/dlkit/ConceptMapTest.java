package org.dlkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seeds/concept-map.md} covers every course card with code and a check, and everything it names exists: each
 * repository path, each member named after a source file ({@code `Node.java` (`backward`)}: a method, field or enum
 * constant that class declares), each test method ({@code path#method}: a JUnit test that is not disabled) and each
 * notebook cell ({@code notebooks/NAME.ipynb#id}: a code cell that asserts with {@code check(...)}).
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
    /** A Java source path followed by the members it is named for: `src/.../Node.java` (`backward`, `softmax`). */
    private static final Pattern SOURCE_WITH_MEMBERS = Pattern.compile("`(src/[A-Za-z0-9_/.-]+\\.java)` \\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("`([A-Za-z_][A-Za-z0-9_]*)`");
    /** A call of the notebooks' {@code check(claim, "...")}, not its declaration. */
    private static final Pattern CHECK_CALL = Pattern.compile("(?<!void )\\bcheck\\(");
    /** The source folders whose classes are on the test class path, by the prefix of their paths. */
    private static final List<String> ON_THE_CLASS_PATH = List.of("src/main/java/", "src/test/java/");

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
            for (String[] code : references(row.code())) {
                assertTrue(code[0].startsWith("src/") && !code[0].contains("/test/") && code[1] == null,
                        "card " + row.card() + ": the code column names main sources, got " + code[0]);
            }
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
        Map<Path, Map<String, JsonNode>> cells = new HashMap<>();
        for (Row row : rows().values()) {
            for (String[] ref : references(row.code() + " " + row.checks() + " " + row.statement())) {
                Path path = Path.of(ref[0]);
                String where = "card " + row.card() + ": " + ref[0] + (ref[1] == null ? "" : "#" + ref[1]);
                if (!Files.exists(path)) {
                    missing.add(where + " (no such path)");
                } else if (ref[1] != null && ref[0].endsWith(".java")) {
                    testProblem(ref[0], ref[1]).ifPresent(problem -> missing.add(where + " (" + problem + ")"));
                } else if (ref[1] != null && ref[0].endsWith(".ipynb")) {
                    JsonNode cell = cells.computeIfAbsent(path, ConceptMapTest::cellsById).get(ref[1]);
                    if (cell == null) {
                        missing.add(where + " (no cell with this id)");
                    } else if (!cell.path("cell_type").asText().equals("code")
                            || !CHECK_CALL.matcher(source(cell)).find()) {
                        missing.add(where + " (not a code cell that asserts with check(...))");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "references in " + MAP + " that do not exist");
    }

    /** `src/.../Activations.java` (`SIGMOID`, `TANH`): each name in the parentheses is a member of that class. */
    @Test
    void everyMemberNamedAfterASourceFileIsDeclaredThere() throws IOException {
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Row row : rows().values()) {
            Matcher m = SOURCE_WITH_MEMBERS.matcher(row.code());
            while (m.find()) {
                Matcher names = IDENTIFIER.matcher(m.group(2));
                while (names.find()) {
                    named++;
                    if (!declares(m.group(1), names.group(1))) {
                        missing.add("card " + row.card() + ": " + m.group(1) + " declares no " + names.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "members named in " + MAP + " that do not exist");
        assertTrue(named > 0, "the map names members after its source files; the pattern found none");
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

    /**
     * Empty when {@code method} of the test class at {@code source} is a JUnit test (annotated with {@code @Testable}
     * through its annotations: {@code @Test}, {@code @ParameterizedTest}, ...) that neither it nor its class disables;
     * otherwise what is wrong.
     */
    private static Optional<String> testProblem(String source, String method) {
        Class<?> type = classOf(source);
        if (type == null) {
            return Optional.of("not a source file of the test class path");
        }
        List<Method> methods = Stream.of(type.getDeclaredMethods()).filter(m -> m.getName().equals(method)).toList();
        if (methods.isEmpty()) {
            return Optional.of("no such method");
        }
        if (methods.stream().noneMatch(ConceptMapTest::isTest)) {
            return Optional.of("not a JUnit test method");
        }
        if (type.isAnnotationPresent(Disabled.class)
                || methods.stream().anyMatch(m -> m.isAnnotationPresent(Disabled.class))) {
            return Optional.of("disabled");
        }
        return Optional.empty();
    }

    private static boolean isTest(Method method) {
        return Stream.of(method.getAnnotations()).anyMatch(a -> testable(a.annotationType(), new HashSet<>()));
    }

    /** Whether {@code type} is {@code @Testable} or carries it through meta-annotations (@ParameterizedTest does). */
    private static boolean testable(Class<? extends Annotation> type, Set<Class<?>> seen) {
        if (type == Testable.class) {
            return true;
        }
        return seen.add(type)
                && Stream.of(type.getAnnotations()).anyMatch(a -> testable(a.annotationType(), seen));
    }

    /** Whether the class at {@code source} declares a method, field or enum constant called {@code name}. */
    private static boolean declares(String source, String name) {
        Class<?> type = classOf(source);
        if (type == null) {
            throw new AssertionError(source + ": not a source file of the test class path, so its members cannot be"
                    + " checked; name only classes from " + ON_THE_CLASS_PATH + " with members");
        }
        return Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredFields()))
                .map(Member::getName).anyMatch(name::equals);
    }

    /** The class compiled from {@code source} (loaded, not initialised), or null when it is not on the class path. */
    private static Class<?> classOf(String source) {
        for (String root : ON_THE_CLASS_PATH) {
            if (source.startsWith(root) && source.endsWith(".java")) {
                String name = source.substring(root.length(), source.length() - ".java".length()).replace('/', '.');
                try {
                    return Class.forName(name, false, ConceptMapTest.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Map<String, JsonNode> cellsById(Path notebook) {
        try {
            JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).path("cells");
            Map<String, JsonNode> byId = new HashMap<>();
            cells.forEach(c -> byId.put(c.path("id").asText(), c));
            return byId;
        } catch (IOException e) {
            throw new IllegalStateException(notebook + ": not a readable notebook: " + e.getMessage(), e);
        }
    }

    /** A cell's source, which a notebook stores as one string or as a list of lines. */
    private static String source(JsonNode cell) {
        JsonNode source = cell.path("source");
        if (!source.isArray()) {
            return source.asText();
        }
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    private static Set<Integer> rangeOfCards() {
        Set<Integer> all = new java.util.TreeSet<>();
        for (int i = 1; i <= CARDS_IN_THE_COURSE; i++) {
            all.add(i);
        }
        return all;
    }
}
