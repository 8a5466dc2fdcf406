package org.dlkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against dlkit as shown: each block becomes the body
 * of a method, with the imports a reader would add (dlkit's packages, java.util, java.nio.file, the DL4J types the
 * README names). Compiled in memory with javax.tools; nothing is run (the snippets train models).
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);

    private static final String IMPORTS = """
            import java.nio.file.*;
            import java.util.*;
            import org.dlkit.*;
            import org.dlkit.activation.*;
            import org.dlkit.autodiff.*;
            import org.dlkit.backend.*;
            import org.dlkit.data.*;
            import org.dlkit.eval.*;
            import org.dlkit.gradcheck.*;
            import org.dlkit.init.*;
            import org.dlkit.train.*;
            import org.dlkit.network.Updaters;
            import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
            import org.deeplearning4j.nn.conf.dropout.Dropout;
            import org.deeplearning4j.nn.conf.layers.DenseLayer;
            import org.deeplearning4j.nn.conf.layers.OutputLayer;
            import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
            import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
            import org.deeplearning4j.nn.transferlearning.TransferLearning;
            import org.deeplearning4j.util.ModelSerializer;
            import org.nd4j.evaluation.classification.Evaluation;
            import org.nd4j.linalg.activations.Activation;
            import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
            import org.nd4j.linalg.factory.Nd4j;
            import org.nd4j.linalg.learning.config.Sgd;
            import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
            import org.nd4j.linalg.api.ndarray.INDArray;
            import org.nd4j.linalg.dataset.DataSet;
            """;

    /** A snippet found in a Markdown file. */
    record Snippet(Path file, int line, String code) {
        String className() {
            return file.getFileName().toString().replaceAll("\\W", "_") + "_line_" + line;
        }

        String source() {
            return IMPORTS + "class " + className() + " {\n  static void snippet() throws Exception {\n" + code
                    + "\n  }\n}\n";
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                snippets.add(new Snippet(file, line, m.group(1)));
            }
        }
        return snippets;
    }

    @Test
    void everyJavaSnippetCompiles(@TempDir Path classes) throws IOException {
        List<Snippet> snippets = snippets();
        assertTrue(snippets.size() >= 5, "the README's Java snippets are found: " + snippets.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<JavaFileObject> sources = snippets.stream().map(s -> (JavaFileObject) new SimpleJavaFileObject(
                    URI.create("string:///" + s.className() + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return s.source();
                }
            }).toList();
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString(), "-proc:none", "-nowarn");
            boolean compiled = javac.getTask(null, files, diagnostics, options, null, sources).call();
            StringBuilder errors = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String name = d.getSource().getName();
                    Snippet s = snippets.stream().filter(x -> name.contains(x.className())).findFirst().orElseThrow();
                    long snippetLine = d.getLineNumber() - IMPORTS.lines().count() - 2;
                    errors.append(String.format("%s, line %d: %s%n", s.file(), s.line() + snippetLine,
                            d.getMessage(Locale.ROOT)));
                }
            }
            assertTrue(compiled && errors.isEmpty(), "Java snippets that do not compile as shown:\n" + errors);
        }
    }
}
