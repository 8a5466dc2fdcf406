package org.dlkit.model;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The mark of a training run in progress: an exclusive lock on {@code run.lock} in its {@code DIR.partial}, held by
 * the training process while it trains and released by the operating system when that process ends, killed or not. A
 * second {@code train} into the same {@code --out} (two CI jobs, {@code make -j}) or a {@code --resume} of a run that
 * still trains is told so, instead of being told that the run was interrupted, and cannot replace or continue it.
 *
 * <p>Runs of this JVM are tracked in a set, not probed through the file: on Linux, closing any channel of a file
 * drops every lock this process holds on it, so a probe of our own run would release its lock.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file in a run's {@code DIR.partial}. */
    public static final String FILE = "run.lock";

    /** The lock files this JVM holds. */
    private static final Set<Path> HELD_HERE = new HashSet<>();

    private final Path file;
    private final FileChannel channel;

    private RunLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Takes the lock of the run in {@code partial} (which must exist); null when another process, or another run in
     * this JVM, holds it. On a file system without locks the run goes on unguarded.
     */
    public static RunLock tryTake(Path partial) {
        Path file = partial.resolve(FILE).toAbsolutePath().normalize();
        synchronized (HELD_HERE) {
            if (HELD_HERE.contains(file)) {
                return null;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new DlkitException(file + ": cannot be written (" + AtomicFiles.reason(e) + ")", e);
            }
            boolean locked;
            try {
                locked = channel.tryLock() != null;
            } catch (IOException e) {
                locked = true; // no locks on this file system (some network mounts): nothing to guard with
            }
            if (!locked) {
                close(channel);
                return null;
            }
            HELD_HERE.add(file);
            return new RunLock(file, channel);
        }
    }

    /**
     * Whether a process trains into {@code partial} now: its lock is held, by another process or by this JVM; false
     * for an interrupted run's directory, whose process has ended.
     */
    public static boolean held(Path partial) {
        Path file = partial.resolve(FILE).toAbsolutePath().normalize();
        synchronized (HELD_HERE) {
            if (HELD_HERE.contains(file)) {
                return true;
            }
            if (!Files.isRegularFile(file)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            } catch (IOException e) {
                return false; // unreadable, or no locks on this file system: nothing known to run
            }
        }
    }

    /** Releases the lock (the run has finished, failed or stopped in this JVM). */
    @Override
    public void close() {
        synchronized (HELD_HERE) {
            if (HELD_HERE.remove(file)) {
                close(channel);
            }
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock; a failure to close leaves it to the process's end
        }
    }
}
