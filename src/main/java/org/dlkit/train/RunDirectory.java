package org.dlkit.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.dlkit.data.CsvFormat;
import org.dlkit.error.DlkitException;
import org.dlkit.model.AtomicFiles;
import org.dlkit.model.Json;
import org.dlkit.model.ModelDirectory;
import org.dlkit.model.RunLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run that has not finished keeps its state: {@code <out>.partial/}, a sibling of the model directory
 * {@code <out>}. It holds {@code command.json} (the command's arguments and working directory, so the run can be
 * resumed), {@code input.json} (the input's size and time of change, so a resume can tell when it changed) and
 * {@code checkpoints/}, and {@code run.lock}, locked while a process trains the run ({@link RunLock}). The model
 * directory itself appears only when training has finished, written
 * atomically; the partial directory is then deleted. A killed or diverged run therefore never looks like a finished
 * model, and its last good checkpoint stays where {@code --resume} finds it.
 */
public final class RunDirectory {

    public static final String SUFFIX = ModelDirectory.PARTIAL_SUFFIX;
    static final String COMMAND = ModelDirectory.RUN_COMMAND_FILE;
    static final String CHECKPOINTS = "checkpoints";
    /** What the input looked like when the run started: {@code {"path": ..., "fingerprint": ...}}. */
    static final String INPUT = "input.json";

    private final Path out;
    private final Path partial;
    /** Held while this process trains the run; released when the process ends, also when it is killed. */
    private RunLock lock;

    private RunDirectory(Path out) {
        this.out = out.toAbsolutePath().normalize();
        this.partial = this.out.resolveSibling(this.out.getFileName() + SUFFIX);
    }

    /**
     * Starts a run into {@code out}: creates {@code <out>.partial/} and records {@code arguments} and
     * {@code workingDirectory} there. An existing partial directory (an interrupted run) is replaced only if
     * {@code force}.
     */
    public static RunDirectory start(Path out, boolean force, List<String> arguments, Path workingDirectory) {
        RunDirectory run = new RunDirectory(out);
        try {
            Files.createDirectories(run.partial);
        } catch (IOException e) {
            throw new DlkitException(run.partial + ": cannot create (" + AtomicFiles.reason(e) + ")", e);
        }
        // The lock comes first: refused while another process trains into out, and nothing is deleted without it
        // (two --force runs at once would otherwise each delete the other's fresh state).
        run.lock();
        try {
            List<Path> interrupted = run.stateBesideTheLock();
            if (!interrupted.isEmpty()) {
                if (!force) {
                    throw new DlkitException(run.partial + ": holds an interrupted run; continue it with --resume "
                            + ModelDirectory.shellWord(out) + " or pass --force to start again");
                }
                interrupted.forEach(Checkpoints::delete);
            }
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("arguments", arguments);
            command.put("working_directory", workingDirectory.toAbsolutePath().normalize().toString());
            AtomicFiles.writeFile(run.partial.resolve(COMMAND), true, tmp -> Json.write(tmp, command));
            return run;
        } catch (RuntimeException e) {
            run.release(); // refused or failed: this process does not train the run (a Java caller may try again)
            throw e;
        }
    }

    /** What the partial directory holds besides {@link RunLock#FILE}: an earlier, interrupted run's state. */
    private List<Path> stateBesideTheLock() {
        try (Stream<Path> entries = Files.list(partial)) {
            return entries.filter(p -> !p.getFileName().toString().equals(RunLock.FILE)).toList();
        } catch (IOException e) {
            throw new DlkitException(partial + ": cannot read (" + AtomicFiles.reason(e) + ")", e);
        }
    }

    /** The interrupted run of {@code dir}: the {@code --out} directory of the run or its {@code .partial} sibling. */
    public static RunDirectory resume(Path dir) {
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        RunDirectory run = new RunDirectory(name.endsWith(SUFFIX)
                ? dir.toAbsolutePath().normalize().resolveSibling(name.substring(0, name.length() - SUFFIX.length()))
                : dir);
        if (!Files.isRegularFile(run.partial.resolve(COMMAND))) {
            throw new DlkitException(Files.isDirectory(run.out) && !Files.exists(run.partial)
                    ? run.out + ": training has finished; there is no interrupted run to resume"
                    : run.partial + ": no interrupted run here (" + COMMAND + " is missing)");
        }
        run.lock();
        return run;
    }

    /** Marks the run as training in this process until {@link #release}; refused while another process trains it. */
    private void lock() {
        lock = RunLock.tryTake(partial);
        if (lock == null) {
            throw running();
        }
    }

    private DlkitException running() {
        return new DlkitException(partial + ": another dlkit train is training into " + out + " now (it holds "
                + RunLock.FILE + "); wait for it to end, or choose another --out");
    }

    /** This process no longer trains the run (it finished, failed or was stopped): another may resume it. */
    public void release() {
        if (lock != null) {
            lock.close();
        }
    }

    /** The arguments the run was started with. */
    public List<String> arguments() {
        JsonNode arguments = command().path("arguments");
        if (!arguments.isArray()) {
            throw new DlkitException(partial.resolve(COMMAND) + ": 'arguments' is missing or not a list; this is not "
                    + "the state of a dlkit run (start again with --force)");
        }
        List<String> args = new ArrayList<>();
        arguments.forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The working directory the run was started in (relative paths in {@link #arguments()} are relative to it). */
    public Path workingDirectory() {
        return Path.of(command().path("working_directory").asText("."));
    }

    private JsonNode command() {
        try {
            return Json.MAPPER.readTree(partial.resolve(COMMAND).toFile());
        } catch (IOException e) {
            throw new DlkitException(partial.resolve(COMMAND) + ": not readable (" + AtomicFiles.reason(e)
                    + "); this is not the state of a dlkit run (start again with --force)", e);
        }
    }

    /** Records what {@code input} (a CSV or an image folder) looks like now, for {@link #inputChange}. */
    public void recordInput(Path input) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("path", CsvFormat.isStandardInput(input) ? STANDARD_INPUT : input.toAbsolutePath().normalize().toString());
        record.put("fingerprint", CsvFormat.isStandardInput(input) ? "standard input" : fingerprint(input));
        AtomicFiles.writeFile(partial.resolve(INPUT), true, tmp -> Json.write(tmp, record));
    }

    /**
     * A warning when {@code input} is no longer what {@link #recordInput} saw (its size, file count or time of change
     * differ): a resumed run would go on training on other rows than it started with. Empty when it is unchanged, or
     * when the run recorded nothing (an older run).
     */
    public Optional<String> inputChange(Path input) {
        if (CsvFormat.isStandardInput(input)) {
            return Optional.of("the run read its rows from standard input, and the resumed run reads standard input "
                    + "again: give it the same rows (dlkit cannot check that they are)");
        }
        Path file = partial.resolve(INPUT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String then;
        try {
            then = Json.MAPPER.readTree(file.toFile()).path("fingerprint").asText("");
        } catch (IOException e) {
            return Optional.empty();
        }
        String now = fingerprint(input);
        return then.equals(now) ? Optional.empty() : Optional.of(input + " has changed since the run started ("
                + then + " then, " + now + " now); the resumed run trains on the changed rows, and its history mixes "
                + "both (start again with --force to train on the new data from epoch 1)");
    }

    /** "N bytes, changed T" for a file; "N files, M bytes, last changed T" for a folder (hidden entries included). */
    static String fingerprint(Path input) {
        try {
            if (Files.isRegularFile(input)) {
                return Files.size(input) + " bytes, changed "
                        + FileTime.fromMillis(Files.getLastModifiedTime(input).toMillis());
            }
            long files = 0, bytes = 0, newest = 0;
            try (var walk = Files.walk(input)) {
                for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                    files++;
                    bytes += Files.size(f);
                    newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
                }
            }
            return files + " files, " + bytes + " bytes, last changed " + FileTime.fromMillis(newest);
        } catch (IOException | UncheckedIOException e) {
            return "unreadable";
        }
    }

    /** The model directory written when training finishes. */
    public Path out() {
        return out;
    }

    /** The directory of the run's state while it trains. */
    public Path partial() {
        return partial;
    }

    /** Where the checkpoints go. */
    public Path checkpoints() {
        return partial.resolve(CHECKPOINTS);
    }

    /** A run that failed before writing a checkpoint has nothing to resume: its partial directory goes. */
    public void abandonIfNoCheckpoint() {
        if (latestCheckpoint().isEmpty()) {
            Checkpoints.delete(partial);
        }
    }

    private Optional<Path> latestCheckpoint() {
        return new Checkpoints(checkpoints(), 1, 1).latest();
    }

    /**
     * What to tell someone who stops the run now (Ctrl-C): where its state is and how to continue it; null when
     * there is nothing to continue (the run has finished and its partial directory is gone).
     */
    public String interruptedMessage() {
        if (!Files.isDirectory(partial)) {
            return null;
        }
        String state = latestCheckpoint().map(c -> " keeps the checkpoint of epoch " + Checkpoints.epoch(c))
                .orElse(" holds no checkpoint yet (a resumed run starts again from epoch 1)");
        return "interrupted: nothing was written to " + out + "; " + partial + state + "; continue with: dlkit train "
                + "--resume " + ModelDirectory.shellWord(out) + (readStandardInput() ? " < ROWS (the same rows on "
                + "standard input)" : "");
    }

    /** {@code --data -}, as {@link #recordInput} records it. */
    private static final String STANDARD_INPUT = "-";

    /** Whether the run recorded standard input as its rows ({@link #recordInput}). */
    private boolean readStandardInput() {
        try {
            Path file = partial.resolve(INPUT);
            return Files.isRegularFile(file) && STANDARD_INPUT.equals(Json.MAPPER.readTree(file.toFile()).path("path")
                    .asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the run (Ctrl-C): no further checkpoint is written into it by this process, so {@link #interruptedMessage}
     * stays true while the training thread winds down; returns that message (null when there is nothing to continue).
     */
    public String stop() {
        Checkpoints.close(checkpoints());
        return interruptedMessage();
    }

    /** Training finished and the model directory is written: the partial state goes. */
    public void finish() {
        Checkpoints.delete(partial);
    }
}
