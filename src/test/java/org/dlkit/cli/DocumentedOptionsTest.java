package org.dlkit.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options README.md and docs/*.md name exist as written: every {@code --option} in their code (inline spans and
 * fenced blocks) is an option of some dlkit command or one of the few other programs' flags listed here, and every
 * dlkit command line they show ({@code bin/dlkit train --data ...}, or a row of the README's command table) uses
 * only options of that command. A renamed option, or a typo such as a line wrap inside a name, fails here.
 */
class DocumentedOptionsTest {

    /** Flags of other programs the docs show: the JVM, spark-submit, bin/notebooks, perf, pandas (by comparison). */
    private static final Set<String> OTHER_PROGRAMS = Set.of("--add-opens", "--enable-native-access",
            "--sun-misc-unsafe-memory-access", "--class", "--driver-java-options", "--jars", "--master", "--html",
            "--install-kernel", "--sort", "--thousands",
            "--device", "--fused", // src/cuda/bench/torch_mlp.py's
            "--query-gpu", "--format"); // nvidia-smi's, in the device-check transcripts
    private static final Pattern FENCED = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");
    private static final Pattern INLINE = Pattern.compile("``?([^`\\n]+)``?");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    /** A dlkit command line: "dlkit" (or "bin/dlkit") and a word, then the rest up to a comment or a cell's end. */
    private static final Pattern COMMAND_LINE = Pattern.compile("(?<![\\w.-])(?:bin/)?dlkit ([a-z-]+)((?: [^#|\\n]*)?)");
    /** A row of the README's command table: | `train [--data CSV] ...` | what it does |. */
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([a-z-]+)( [^`]*)?` \\|");

    /** Each command's path ("train", "plot activations") and its option names, with the global ones. */
    private static Map<String, Set<String>> optionsByCommand() {
        Map<String, Set<String>> options = new TreeMap<>();
        collect(Main.commandLine(false), "", options);
        return options;
    }

    private static void collect(CommandLine cli, String path, Map<String, Set<String>> into) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            names.addAll(List.of(option.names()));
        }
        into.put(path, names);
        cli.getSubcommands().forEach((name, sub) -> collect(sub, (path + " " + name).strip(), into));
    }

    /** The code of a Markdown file: fenced blocks (backslash continuations joined) and inline spans. */
    private static List<String> code(String text) {
        List<String> code = new ArrayList<>();
        Matcher fenced = FENCED.matcher(text);
        StringBuilder prose = new StringBuilder();
        int end = 0;
        while (fenced.find()) {
            code.addAll(List.of(fenced.group(1).replaceAll("\\\\\\n\\s*", " ").split("\\n")));
            prose.append(text, end, fenced.start());
            end = fenced.end();
        }
        prose.append(text.substring(end));
        Matcher inline = INLINE.matcher(prose);
        while (inline.find()) {
            code.add(inline.group(1));
        }
        return code;
    }

    private static Map<Path, String> documents() throws IOException {
        Map<Path, String> docs = new TreeMap<>();
        docs.put(Path.of("README.md"), Files.readString(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                docs.put(file, Files.readString(file));
            }
        }
        return docs;
    }

    @Test
    void everyOptionTheDocsNameExists() throws IOException {
        Set<String> known = new TreeSet<>(OTHER_PROGRAMS);
        optionsByCommand().values().forEach(known::addAll);
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<Path, String> doc : documents().entrySet()) {
            for (String code : code(doc.getValue())) {
                Matcher option = OPTION.matcher(code);
                while (option.find()) {
                    if (!known.contains(option.group())) {
                        unknown.add(doc.getKey() + ": " + option.group() + " in `" + code.strip() + "`");
                    }
                }
            }
        }
        assertTrue(unknown.isEmpty(), "options no dlkit command has:\n" + String.join("\n", unknown));
    }

    @Test
    void everyDocumentedCommandLineUsesOptionsOfItsCommand() throws IOException {
        Map<String, Set<String>> options = optionsByCommand();
        Set<String> global = options.get("");
        List<String> wrong = new ArrayList<>();
        int commandLines = 0;
        for (Map.Entry<Path, String> doc : documents().entrySet()) {
            List<String[]> lines = new ArrayList<>();
            for (String code : code(doc.getValue())) {
                Matcher m = COMMAND_LINE.matcher(code);
                while (m.find()) {
                    lines.add(new String[] {m.group(1), m.group(2)});
                }
            }
            Matcher row = TABLE_ROW.matcher(doc.getValue());
            while (row.find()) {
                lines.add(new String[] {row.group(1), row.group(2) == null ? "" : row.group(2)});
            }
            for (String[] line : lines) {
                String command = line[0];
                String rest = line[1];
                if (command.equals("plot") && rest.startsWith(" activations")) {
                    command = "plot activations";
                }
                Set<String> valid = options.get(command);
                if (valid == null) {
                    continue; // prose such as "dlkit then adds it": not a command
                }
                commandLines++;
                Matcher option = OPTION.matcher(rest);
                while (option.find()) {
                    if (!valid.contains(option.group()) && !global.contains(option.group())) {
                        wrong.add(doc.getKey() + ": dlkit " + command + " has no " + option.group() + " (in `dlkit "
                                + command + rest.stripTrailing() + "`)");
                    }
                }
            }
        }
        assertTrue(commandLines >= 30, "the docs' dlkit command lines are found: " + commandLines);
        assertTrue(wrong.isEmpty(), "documented command lines with options their command lacks:\n"
                + String.join("\n", wrong));
    }
}
