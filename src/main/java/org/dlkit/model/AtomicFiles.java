package org.dlkit.model;

import org.dlkit.error.DlkitException;
import org.dlkit.error.OutputClosed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Writes files and directories through a temporary sibling that is renamed into place. */
public final class AtomicFiles {

    /** Writes the content: a file at, or the files of a directory under, the temporary path it is given. */
    public interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    /** Writes text content to a writer (which it must not close). */
    public interface TextContent {
        void writeTo(Writer w) throws IOException;
    }

    /** The file name that stands for standard output, the Unix convention ({@code --out -}, {@code --json -}). */
    public static final String STANDARD_OUTPUT = "-";

    private static final String TMP = ".tmp";
    private static final String OLD = ".old";

    private AtomicFiles() {
    }

    /**
     * Fails unless the file {@code target} can be written: not a directory, absent or {@code force} allows replacing
     * it, and its folder a directory this process may write in (or one that can be created).
     */
    public static void checkWritable(Path target, boolean force) {
        if (isStandardOutput(target)) {
            return;
        }
        if (Files.isDirectory(target)) {
            throw new DlkitException(target + ": is a directory; expected a file name");
        }
        if (isStream(target)) {
            return; // /dev/stdout, a pipe: written in place, nothing is overwritten
        }
        if (Files.exists(target) && !force) {
            throw new DlkitException(target + ": already exists; pass --force to overwrite it");
        }
        checkFolder(target, target.toAbsolutePath().normalize().getParent());
    }

    /**
     * Whether {@code target} is a device or a pipe ({@code /dev/stdout}, {@code /dev/null}, a FIFO): such a file is
     * written in place, as a shell redirection would; renaming a file over it would replace the device itself.
     */
    static boolean isStream(Path target) {
        if (!Files.exists(target)) {
            return false;
        }
        // /dev/stdout, /dev/fd/1, /proc/self/fd/1 lead to the file a shell redirected to: still a stream to append to
        Path abs = target.toAbsolutePath().normalize();
        return !Files.isRegularFile(target) && !Files.isDirectory(target)
                || abs.startsWith(Path.of("/dev")) || abs.startsWith(Path.of("/proc"));
    }

    /** Whether {@code target} is {@code -}, which file options take as standard output. */
    public static boolean isStandardOutput(Path target) {
        return target != null && target.toString().equals(STANDARD_OUTPUT);
    }

    /**
     * Fails unless {@code dir} can hold new files: an existing directory this process may write in, or absent with
     * a nearest existing ancestor that is a writable directory (the missing folders are then created).
     */
    public static void checkDirectoryWritable(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DlkitException(dir + ": is a file; expected a directory");
        }
        checkFolder(dir, dir.toAbsolutePath().normalize());
    }

    /** {@code folder} or its nearest existing ancestor must be a directory this process may write in. */
    static void checkFolder(Path target, Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (!Files.exists(p)) {
                continue;
            }
            if (!Files.isDirectory(p)) {
                throw new DlkitException(target + ": cannot be written: " + p + " is a file, not a directory");
            }
            if (!Files.isWritable(p)) {
                throw new DlkitException(target + ": cannot be written: no permission to write in " + p);
            }
            return;
        }
    }

    /** What went wrong in a file operation, in one line (Java's file exceptions often carry only a path). */
    public static String reason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof IOException && t.getCause() instanceof IOException cause) {
            return reason(cause); // ImageIO's "I/O error writing PNG file!" around "No space left on device"
        }
        if (t instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (t instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (t instanceof FileAlreadyExistsException f && f.getFile() != null) {
            return f.getFile()
                    + (Files.isDirectory(Path.of(f.getFile())) ? " already exists" : " is a file, not a directory");
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return ModelDirectory.firstLine(t);
    }

    /** Writes {@code target} (a file) through a temporary sibling; replaces an existing file only if {@code force}. */
    public static void writeFile(Path target, boolean force, Content writer) {
        checkWritable(target, force);
        if (isStandardOutput(target)) {
            throw new IllegalArgumentException("'-' is standard output: write it with writeText");
        }
        Path tmp = null;
        try {
            if (isStream(target)) {
                tmp = Files.createTempFile("dlkit", ".tmp");
                writer.writeTo(tmp);
                appendTo(target, tmp);
                return;
            }
            // a link is followed: the file it points to is replaced, the link stays
            Path abs = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath().normalize();
            Files.createDirectories(abs.getParent());
            tmp = sibling(abs, ".tmp");
            writer.writeTo(tmp);
            move(tmp, abs);
        } catch (IOException | UncheckedIOException e) {
            throw new DlkitException(target + ": cannot write (" + reason(e) + ")", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Writes text to {@code target} as {@link #writeFile} does, or, when {@code target} is {@code -}, to
     * {@code standardOutput} (flushed, not closed).
     */
    public static void writeText(Path target, boolean force, Writer standardOutput, TextContent content) {
        if (!isStandardOutput(target)) {
            writeFile(target, force, tmp -> {
                try (Writer w = Files.newBufferedWriter(tmp)) {
                    content.writeTo(w);
                }
            });
            return;
        }
        try {
            content.writeTo(standardOutput);
            standardOutput.flush();
        } catch (IOException | UncheckedIOException e) {
            throw closedOrFailed(target, e);
        }
    }

    /**
     * Appends what was written to {@code tmp} to a device or pipe, as a shell's {@code >>} would: without truncating
     * it (with {@code --out /dev/stdout > file} the file may already hold what the command printed before).
     */
    private static void appendTo(Path stream, Path tmp) {
        try (OutputStream out = Files.newOutputStream(stream, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            Files.copy(tmp, out);
        } catch (IOException e) {
            throw closedOrFailed(stream, e);
        }
    }

    /** A reader that went away (a closed pipe, {@code | head}) is not an error; any other failure is. */
    private static DlkitException closedOrFailed(Path target, Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (OutputClosed.isBrokenPipe(t)) {
            return new OutputClosed(target, t);
        }
        return new DlkitException(target + ": cannot write (" + reason(e) + ")", e);
    }

    /**
     * Writes a whole directory through a temporary sibling, replacing {@code target} if it exists.
     *
     * <p>A directory cannot be renamed over a non-empty one, so the swap takes two renames: the old directory to a
     * hidden sibling {@code .NAME.<id>.old}, then the new one into place; the old one is deleted only after that. At
     * every moment the old or the new directory exists: if the second rename fails the old one is moved back, and if
     * even that fails it is kept at its hidden name, which the message gives. If the process dies between the two
     * renames, {@link #recover} (called by the next write and by {@link ModelDirectory#load}) moves it back.
     */
    public static void replaceDirectory(Path target, Content writer) {
        recover(target);
        Path tmp = null;
        Path old = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createDirectory(sibling(target, TMP));
            writer.writeTo(tmp);
            if (Files.exists(target)) {
                old = sibling(target, OLD);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            move(tmp, target);
        } catch (IOException | UncheckedIOException e) {
            String kept = "";
            if (old != null && !Files.exists(target)) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    old = null;
                } catch (IOException restore) {
                    kept = "; the previous contents could not be moved back and are kept at " + old;
                    old = null; // never delete the only copy
                }
            }
            throw new DlkitException(target + ": cannot write (" + reason(e) + ")" + kept, e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(old);
        }
    }

    /**
     * Puts back a directory that a {@link #replaceDirectory} interrupted between its two renames left at its hidden
     * {@code .NAME.<id>.old} name: when {@code target} is missing and exactly one such sibling exists, it is renamed
     * to {@code target}. Does nothing otherwise.
     */
    public static void recover(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || Files.exists(abs) || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + abs.getFileName() + ".";
        try (Stream<Path> siblings = Files.list(parent)) {
            List<Path> olds = siblings.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(OLD) && n.length() == prefix.length() + 36 + OLD.length();
            }).toList();
            if (olds.size() == 1) {
                Files.move(olds.get(0), abs, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new DlkitException(target + ": is missing and its previous contents could not be restored ("
                    + ModelDirectory.firstLine(e) + ")", e);
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
