package org.dlkit.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What an interrupted run says: its newest checkpoint by epoch number, or that it has none yet. */
class RunDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void interruptedMessageNamesTheNewestCheckpointsEpoch() throws IOException {
        Path out = dir.resolve("model");
        RunDirectory run = RunDirectory.start(out, false, List.of("--epochs", "20"), dir);
        Path partial = dir.resolve("model.partial");
        assertEquals("interrupted: nothing was written to " + out + "; " + partial + " holds no checkpoint yet (a "
                + "resumed run starts again from epoch 1); continue with: dlkit train --resume " + out,
                run.interruptedMessage());

        for (String epoch : List.of("epoch-0009", "epoch-0010", "epoch-0002")) {
            Files.createDirectories(run.checkpoints().resolve(epoch));
        }
        assertEquals("interrupted: nothing was written to " + out + "; " + partial + " keeps the checkpoint of "
                + "epoch 10; continue with: dlkit train --resume " + out, run.interruptedMessage());

        run.finish();
        assertNull(run.interruptedMessage(), "a finished run has nothing to continue");
    }
}
