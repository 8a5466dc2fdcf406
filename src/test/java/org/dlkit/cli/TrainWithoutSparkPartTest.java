package org.dlkit.cli;

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
        assumeTrue(ServiceLoader.load(SparkSettings.Provider.class).findFirst().isEmpty(),
                "this build has the Spark part");
        CliRun run = CliRun.of("train", "--out", dir.resolve("m").toString(), "--spark", "local[2]");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("the Spark part is not built: run `mvn -Pspark -DskipTests package`"), run.err());
        assertTrue(run.oneLineError(), run.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }
}
