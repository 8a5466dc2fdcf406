package org.dlkit.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** The application jar a user hands to spark-submit: dlkit's compiled classes (main and the Spark part). */
final class AppJar {

    private AppJar() {
    }

    /** Packs the class-path folder holding dlkit's main classes (not the test classes) into {@code jar}. */
    static Path of(List<String> classpath, Path jar) throws IOException {
        Path classes = classpath.stream().map(Path::of)
                .filter(p -> Files.isDirectory(p) && Files.exists(p.resolve("org/dlkit/cli/Main.class")))
                .findFirst().orElseThrow(() -> new IllegalStateException("dlkit classes not on " + classpath));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
