package org.dlkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Layout" table names every package under {@code org.dlkit}, every script in {@code bin/} and
 * {@code .ci/}, and every folder under {@code src/}; and everything it names exists. A package or script added
 * without a row, or a row left behind by a rename, fails here.
 */
class ReadmeLayoutTest {

    private static final Path README = Path.of("README.md");
    private static final Path MAIN = Path.of("src", "main", "java", "org", "dlkit");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    @Test
    void everyPackageScriptAndSourceFolderHasARow() throws IOException {
        String layout = layoutTable();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> packages = Files.list(MAIN)) {
            packages.filter(Files::isDirectory).map(p -> "`org.dlkit." + p.getFileName() + "`")
                    .filter(name -> !layout.contains(name)).forEach(missing::add);
        }
        for (String folder : List.of("bin", ".ci")) {
            try (Stream<Path> scripts = Files.list(Path.of(folder))) {
                scripts.filter(Files::isRegularFile).map(p -> "`" + folder + "/" + p.getFileName() + "`")
                        .filter(name -> !layout.contains(name)).forEach(missing::add);
            }
        }
        try (Stream<Path> sourceSets = Files.list(Path.of("src"))) {
            sourceSets.filter(p -> !p.getFileName().toString().equals("main") && !p.getFileName().toString()
                    .equals("test")).map(p -> "`src/" + p.getFileName() + "/").filter(name -> !layout.contains(name))
                    .forEach(missing::add);
        }
        assertEquals(List.of(), missing, "not named in the Layout table of " + README);
    }

    @Test
    void everyPathAndPackageTheTableNamesExists() throws IOException {
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (String line : layoutTable().lines().filter(l -> l.startsWith("| `")).toList()) {
            String firstColumn = line.substring(1, line.indexOf(" |", 1));
            Matcher m = BACKTICKED.matcher(firstColumn);
            while (m.find()) {
                String name = m.group(1);
                if (!name.startsWith("org.dlkit") && !name.contains("/")) {
                    continue;   // a Maven profile's name, such as `spark`
                }
                named++;
                Path path = name.startsWith("org.dlkit")
                        ? Path.of("src/main/java", name.replace('.', '/'))
                        : Path.of(name);
                if (!Files.exists(path)) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "named in the Layout table of " + README + " but not in the repository");
        assertTrue(named > 20, "the Layout table's first column was read (" + named + " names)");
    }

    /** The lines of the README from "## Layout" to the next second-level heading. */
    private static String layoutTable() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## Layout\n");
        assertTrue(start >= 0, README + " has a '## Layout' section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
