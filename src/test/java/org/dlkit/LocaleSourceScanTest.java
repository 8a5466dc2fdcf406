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
 * Keeps the locale sweep from rotting: in the main sources (src/main/java and the profiles' src/spark/java,
 * src/cuda/java) every call that formats or changes case names its locale, Locale.ROOT by dlkit's convention, so a
 * German, Turkish or Arabic JVM writes the same files and messages as any other. A simple scan of the code with
 * comments and string contents blanked out; nothing is allow-listed today.
 */
class LocaleSourceScanTest {

    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("src/spark/java"),
            Path.of("src/cuda/java"));

    /** A call whose first argument must be a Locale, and what to write instead. */
    private static final Pattern NEEDS_LOCALE = Pattern.compile(
            "\\b(String\\.format|\\.printf|\\.format|\\.formatted|\\.toLowerCase|\\.toUpperCase"
                    + "|DateTimeFormatter\\.ofPattern|NumberFormat\\.get\\w*Instance|new DecimalFormatSymbols"
                    + "|new DecimalFormat|new Scanner)\\s*\\(");

    @Test
    void everyFormatAndCaseChangeNamesItsLocale() throws IOException {
        List<String> found = new ArrayList<>();
        int calls = 0;
        for (Path root : ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String code = codeOnly(Files.readString(file));
                    Matcher m = NEEDS_LOCALE.matcher(code);
                    while (m.find()) {
                        calls++;
                        String call = m.group(1);
                        String args = code.substring(m.end()).stripLeading();
                        if (!localeFirst(call, code, m.start(), args)) {
                            found.add(file + ":" + line(code, m.start()) + ": " + call.replace(".", "") + "(...)");
                        }
                    }
                    int charts = count(code, "new XYChartBuilder()");
                    if (charts > count(code, "setLocale(Locale.ROOT)")) {
                        found.add(file + ": " + charts + " XChart chart(s) without styler.setLocale(Locale.ROOT)");
                    }
                }
            }
        }
        assertTrue(calls > 100, "the scan sees the sources (" + calls + " calls)");
        assertEquals(List.of(), found, "format and case calls that use the JVM's default locale");
    }

    /**
     * Whether the call names its locale. {@code x.format(...)} and {@code x.formatted(...)} count only on a
     * String literal or as {@code String.format} (other {@code format}s are dlkit's own accessors, or take no
     * locale: {@code LocalDateTime.format(formatter)}); {@code ofPattern(p)} needs its locale second.
     */
    private static boolean localeFirst(String call, String code, int at, String args) {
        boolean literal = code.substring(0, at).stripTrailing().endsWith("\"");
        if ((call.equals(".format") || call.equals(".formatted")) && !literal) {
            return true;
        }
        if (call.equals(".formatted")) {
            return false; // a String literal's formatted(...) always uses the default locale
        }
        if (call.equals("DateTimeFormatter.ofPattern")) {
            int close = args.indexOf(')');
            return close >= 0 && args.substring(0, close).contains("Locale.");
        }
        if (call.equals("new Scanner") || call.equals("new DecimalFormat")) {
            return false;
        }
        return args.startsWith("Locale.") || args.startsWith("java.util.Locale.");
    }

    private static int count(String code, String what) {
        return code.split(Pattern.quote(what), -1).length - 1;
    }

    private static int line(String code, int at) {
        return 1 + (int) code.substring(0, at).chars().filter(c -> c == '\n').count();
    }

    /** {@code source} with comments and the contents of string and char literals blanked, lines kept. */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                out.append("\"\"\"");
                blank(source, i + 3, end - 3, out);
                out.append("\"\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(c);
                blank(source, i + 1, Math.min(j, n), out);
                out.append(c);
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
