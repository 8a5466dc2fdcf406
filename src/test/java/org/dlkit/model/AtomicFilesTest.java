package org.dlkit.model;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replacing a directory leaves the old or the new one in place at every step, and nothing hidden behind. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private Path existing() throws IOException {
        Path target = dir.resolve("model");
        Files.createDirectories(target);
        Files.writeString(target.resolve("model.zip"), "old");
        return target;
    }

    /**
     * A full disk while a chart is written: ImageIO wraps the system's "No space left on device" in its own "I/O
     * error writing PNG file!", which was all the one-line message said. The reason is the innermost I/O failure.
     */
    @Test
    void aFullDiskIsNamedAlsoWhenImageIoWrapsIt() {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs Linux's /dev/full");
        IOException e = assertThrows(IOException.class, () -> {
            try (ImageOutputStream out = new FileImageOutputStream(new java.io.File("/dev/full"))) {
                ImageIO.write(new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB), "png", out);
            }
        });
        assertEquals("No space left on device", AtomicFiles.reason(e), e.toString());
    }

    @Test
    void aSuccessfulReplaceLeavesOnlyTheNewDirectory() throws IOException {
        Path target = existing();
        AtomicFiles.replaceDirectory(target, tmp -> Files.writeString(tmp.resolve("model.zip"), "new"));
        assertEquals("new", Files.readString(target.resolve("model.zip")));
        assertEquals(1, entries());
    }

    @Test
    void aFailingWriterLeavesTheOldDirectoryUntouched() throws IOException {
        Path target = existing();
        assertThrows(DlkitException.class, () -> AtomicFiles.replaceDirectory(target, tmp -> {
            Files.writeString(tmp.resolve("model.zip"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target.resolve("model.zip")));
        assertEquals(1, entries());
    }

    @Test
    void aFailedFinalRenamePutsTheOldDirectoryBack() throws IOException {
        Path target = existing();
        // the writer removes its own temporary directory, so the rename into place fails after the old one moved
        DlkitException e = assertThrows(DlkitException.class, () -> AtomicFiles.replaceDirectory(target,
                tmp -> Files.delete(tmp)));
        assertTrue(e.getMessage().startsWith(target + ": cannot write"), e.getMessage());
        assertEquals("old", Files.readString(target.resolve("model.zip")));
        assertEquals(1, entries());
    }

    @Test
    void aDirectoryLeftAtItsHiddenNameByACrashIsRecovered() throws IOException {
        Path target = existing();
        Path hidden = dir.resolve(".model." + UUID.randomUUID() + ".old");
        Files.move(target, hidden); // the state between the two renames of replaceDirectory
        AtomicFiles.recover(target);
        assertEquals("old", Files.readString(target.resolve("model.zip")));
        assertFalse(Files.exists(hidden));
    }

    @Test
    void theNextWriteRecoversFirstAndThenReplaces() throws IOException {
        Path target = existing();
        Files.move(target, dir.resolve(".model." + UUID.randomUUID() + ".old"));
        AtomicFiles.replaceDirectory(target, tmp -> Files.writeString(tmp.resolve("model.zip"), "new"));
        assertEquals("new", Files.readString(target.resolve("model.zip")));
        assertEquals(1, entries());
    }

    private long entries() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }
}
