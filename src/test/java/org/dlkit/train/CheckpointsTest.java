package org.dlkit.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checkpoint directories are ordered by epoch number, not as text. */
class CheckpointsTest {

    @TempDir
    Path dir;

    @Test
    void epochTenThousandComesAfterEpochNineThousandNineHundredNinetyNine() throws IOException {
        for (String name : List.of("epoch-9999", "epoch-10000", "epoch-0005", "epoch-20", "notes")) {
            Files.createDirectories(dir.resolve(name));
        }
        Checkpoints checkpoints = new Checkpoints(dir, 1, 3);
        assertEquals(List.of("epoch-0005", "epoch-20", "epoch-9999", "epoch-10000"),
                checkpoints.list().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(dir.resolve("epoch-10000"), checkpoints.latest().orElseThrow());
    }
}
