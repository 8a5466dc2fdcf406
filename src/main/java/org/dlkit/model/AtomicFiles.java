package org.dlkit.model;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Writes files and directories through a temporary sibling that is renamed into place. */
public final class AtomicFiles {

    /** Writes the content: a file at, or the files of a directory under, the temporary path it is given. */
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Fails unless the file {@code target} is absent or {@code force} allows replacing it. */
    public static void checkWritable(Path target, boolean force) {
        if (Files.exists(target) && !force) {
            throw new DlkitException(target + ": already exists; pass --force to overwrite it");
        }
        if (Files.isDirectory(target)) {
            throw new DlkitException(target + ": is a directory; expected a file path");
        }
    }

    /** Writes {@code target} (a file) through a temporary sibling; replaces an existing file only if {@code force}. */
    public static void writeFile(Path target, boolean force, Content writer) {
        checkWritable(target, force);
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = sibling(abs, ".tmp");
            writer.writeTo(tmp);
            move(tmp, abs);
        } catch (IOException | UncheckedIOException e) {
            throw new DlkitException(target + ": cannot write (" + ModelDirectory.firstLine(e) + ")", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Writes a whole directory through a temporary sibling, replacing {@code target} if it exists. */
    public static void replaceDirectory(Path target, Content writer) {
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createDirectory(sibling(target, ".tmp"));
            writer.writeTo(tmp);
            if (Files.exists(target)) {
                old = sibling(target, ".old");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            move(tmp, target);
        } catch (IOException | UncheckedIOException e) {
            if (old != null && !Files.exists(target)) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    old = null;
                } catch (IOException ignored) {
                    // the old directory stays at its temporary name; the message below names the target
                }
            }
            throw new DlkitException(target + ": cannot write (" + ModelDirectory.firstLine(e) + ")", e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(old);
        }
    }

    /**
     * A hidden, unused sibling name for {@code target}. Created with the default permissions (the umask), unlike
     * {@code Files.createTemp*}, which makes files and directories readable by their owner only.
     */
    private static Path sibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + suffix);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover hidden temporary is harmless
        }
    }
}
