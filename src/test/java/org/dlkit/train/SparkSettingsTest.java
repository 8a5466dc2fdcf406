package org.dlkit.train;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The master's form is checked when the settings are made, before any data is read, so that what Spark would refuse
 * deep in its start-up (an exception that is not a {@link DlkitException}: exit code 1 and a stack trace) is one line.
 */
class SparkSettingsTest {

    @Test
    void mastersSparkAcceptsAreAccepted() {
        for (String master : new String[]{"local", "local[1]", "local[2]", "local[*]", "local[2,3]", "local[*, 4]",
                "spark://127.0.0.1:7077", "spark://a.example:7077,b.example:7078", "spark://[::1]:7077"}) {
            assertDoesNotThrow(() -> new SparkSettings(master, 5, 0, 0), master);
        }
    }

    @Test
    void mastersSparkCannotParseAreOneLineNamingTheOption() {
        for (String master : new String[]{"foo", "local[0]", "local[-1]", "local[x]", "local[2", "local[99999999999]",
                "Local[2]", "spark://127.0.0.1", "spark://127.0.0.1:99999", "spark://127.0.0.1:0", "spark://:7077",
                "spark://a:7077,", "spark://a:7077/x", "127.0.0.1:7077", "yarn", "k8s://https://h:443"}) {
            DlkitException e = assertThrows(DlkitException.class, () -> new SparkSettings(master, 5, 0, 0), master);
            assertTrue(e.getMessage().startsWith("--spark " + master + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("expected local[N]"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void clusterManagersOutsideThePartAreNamed() {
        DlkitException e = assertThrows(DlkitException.class, () -> new SparkSettings("yarn", 5, 0, 0));
        assertTrue(e.getMessage().contains("no YARN, Kubernetes or Mesos scheduler"), e.getMessage());
    }

    @Test
    void aBuiltPartMissingFromTheClassPathIsToldApartFromAnUnbuiltOne(@TempDir Path target) throws IOException {
        Path jar = Files.createFile(target.resolve("dlkit.jar"));
        assertEquals(SparkSettings.NOT_BUILT, SparkSettings.missingPart(jar), "no spark/dlkit-spark.jar beside it");
        assertEquals(SparkSettings.NOT_BUILT, SparkSettings.missingPart(target), "classes folder, not a jar");
        assertEquals(SparkSettings.NOT_BUILT, SparkSettings.missingPart(null));
        Path part = Files.createFile(Files.createDirectories(target.resolve("spark")).resolve("dlkit-spark.jar"));
        String message = SparkSettings.missingPart(jar);
        assertTrue(message.startsWith("the Spark part is built (" + part + ") but not on this JVM's class path: "
                + "run bin/dlkit"), message);
    }
}
