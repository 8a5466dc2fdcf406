package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.dlkit.train.SparkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** In the default build (no Spark part), {@code train --spark} says how to build the Spark part and writes nothing. */
class TrainWithoutSparkPartTest {

    @TempDir
    Path dir;

    @Test
    void sparkWithoutTheSparkPartIsOneLineNamingTheBuild() throws IOException {
        assumeTrue(!sparkPartBuilt(), "this build has the Spark part");
        CliRun run = CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("the Spark part is not built: run `mvn -Pspark -DskipTests package`"), run.err());
        assertTrue(run.oneLineError(), run.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    /**
     * A service entry naming a provider class that is not there (a target/classes left from a -Pspark build by a
     * default one) is the part not built, in one line, not an internal error.
     */
    @Test
    void aServiceEntryWithoutItsClassIsTheSameLine() throws IOException {
        assumeTrue(!sparkPartBuilt(), "this build has the Spark part");
        Path services = dir.resolve("classes/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(SparkSettings.Provider.class.getName()), "org.dlkit.spark.Gone\n");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {dir.resolve("classes").toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            SparkSettings settings = new SparkSettings("local[2]", 5, 0, 0);
            DlkitException e = org.junit.jupiter.api.Assertions.assertThrows(DlkitException.class, settings::runner);
            assertTrue(e.getMessage().startsWith(SparkSettings.NOT_BUILT + "; a service entry names a missing class"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("mvn clean first"), e.getMessage());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static boolean sparkPartBuilt() {
        try {
            return ServiceLoader.load(SparkSettings.Provider.class).findFirst().isPresent();
        } catch (java.util.ServiceConfigurationError e) {
            return false;   // an entry without its class: not built either
        }
    }
}
