package org.dlkit.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dlkit.error.DlkitException;
import org.dlkit.model.AtomicFiles;
import org.dlkit.model.Json;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checkpoints of a run in {@code dir}: every {@code every} epochs a directory {@code epoch-NNNN/} written atomically
 * (through a temporary sibling renamed into place), of which the newest {@code keep} are kept. Each holds
 * <ul>
 *   <li>{@code model.zip}: the network with its updater state (Adam's moment estimates) and its epoch and iteration
 *       counters, in DL4J's {@link ModelSerializer} format;</li>
 *   <li>{@code history.csv}: the epochs so far;</li>
 *   <li>{@code state.json} and {@code best-params.bin}: early stopping's best epoch, loss and parameters, and in
 *       {@code state.json} which engine trains where ({@code "engine": "dlkit-cuda"}), when that was given, so that a
 *       resumed run keeps its device.</li>
 * </ul>
 * The shuffling needs no state: the order of epoch e is a function of the seed and e.
 */
public final class Checkpoints {

    static final String MODEL = "model.zip";
    static final String HISTORY = "history.csv";
    static final String STATE = "state.json";
    static final String BEST_PARAMS = "best-params.bin";

    /**
     * Checkpoint directories closed by {@link #close}: absolute, normalised paths. Its lock guards every save; read and
     * written only under it.
     */
    private static final Set<Path> CLOSED = new HashSet<>();

    private final Path dir;
    private final int every;
    private final int keep;
    /** What {@code state.json} records as {@code "engine"}, or null. */
    private final String engine;

    /** Checkpoints in {@code dir} every {@code every} epochs, keeping the newest {@code keep}. */
    public Checkpoints(Path dir, int every, int keep) {
        this(dir, every, keep, null);
    }

    /**
     * {@link #Checkpoints(Path, int, int)} recording {@code engine} (which engine trains where, e.g.
     * {@code dlkit-cuda}; null: nothing) in each checkpoint's {@code state.json}; {@link #recordedEngine} reads it.
     */
    public Checkpoints(Path dir, int every, int keep, String engine) {
        if (every <= 0) {
            throw new DlkitException("checkpoint interval " + every + " is invalid; expected a positive number of epochs");
        }
        if (keep <= 0) {
            throw new DlkitException("checkpoints to keep " + keep + " is invalid; expected a positive integer");
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.every = every;
        this.keep = keep;
        this.engine = engine;
    }

    /**
     * What {@code checkpoint} (a folder of {@link #latest()}) records as its engine; empty without a record (a run
     * that recorded none).
     */
    public static Optional<String> recordedEngine(Path checkpoint) {
        Path state = checkpoint.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            return Optional.empty();
        }
        try {
            JsonNode recorded = Json.MAPPER.readTree(state.toFile()).path("engine");
            return recorded.isTextual() ? Optional.of(recorded.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new DlkitException(checkpoint + ": not a readable checkpoint (" + e.getMessage() + ")", e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Whether a checkpoint is written after 1-based {@code epoch}. */
    boolean due(int epoch) {
        return epoch % every == 0;
    }

    /** The checkpoint directories, oldest first: by epoch number, not as text. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().matches("epoch-\\d+") && Files.isDirectory(p))
                    .sorted(Comparator.comparing(Checkpoints::epoch)).toList();
        } catch (IOException e) {
            throw new DlkitException(dir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
    }

    /** The epoch number of a checkpoint directory {@code epoch-N} (epoch-10000 comes after epoch-9999). */
    static BigInteger epoch(Path checkpoint) {
        return new BigInteger(checkpoint.getFileName().toString().substring("epoch-".length()));
    }

    /** The newest checkpoint, if any. */
    public Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Closes {@code dir} for writing, for the rest of the process: a save in progress finishes first, later saves
     * write nothing. On Ctrl-C the JVM runs its shutdown hooks while the training thread goes on, so without this a
     * checkpoint written after the hook looked would make "keeps the checkpoint of epoch 38" untrue (epoch 40 was
     * there).
     */
    static void close(Path dir) {
        synchronized (CLOSED) {
            CLOSED.add(dir.toAbsolutePath().normalize());
        }
    }

    /**
     * Runs {@code action} while no checkpoint can be written in this process: a training thread that reaches its next
     * checkpoint waits until {@code action} returns (a save in progress finishes first). The tests of Ctrl-C and
     * kill -9 use it to stop a run at a checkpoint however fast the machine trains the epochs after it.
     */
    static void holdingSaves(Runnable action) {
        synchronized (CLOSED) {
            action.run();
        }
    }

    /**
     * Writes the checkpoint of the epoch {@code net} has just finished, then drops all but the newest {@code keep};
     * nothing once the directory is {@link #close closed}.
     */
    void save(MultiLayerNetwork net, History history, EarlyStopping stopping) {
        synchronized (CLOSED) {
            if (!CLOSED.contains(dir)) {
                write(net, history, stopping);
            }
        }
    }

    private void write(MultiLayerNetwork net, History history, EarlyStopping stopping) {
        Path target = dir.resolve(String.format(Locale.ROOT, "epoch-%04d", net.getEpochCount()));
        AtomicFiles.replaceDirectory(target, tmp -> {
            ModelSerializer.writeModel(net, tmp.resolve(MODEL).toFile(), true);
            Files.writeString(tmp.resolve(HISTORY), history.toCsv());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("epoch", net.getEpochCount());
            state.put("iteration", net.getIterationCount());
            state.put("best_epoch", stopping.bestEpoch());
            if (engine != null) {
                state.put("engine", engine);
            }
            if (stopping.bestParams() != null) {
                state.put("best_val_loss", stopping.bestLoss());
                Nd4j.saveBinary(stopping.bestParams(), tmp.resolve(BEST_PARAMS).toFile());
            }
            Json.write(tmp.resolve(STATE), state);
        });
        List<Path> all = list();
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            delete(old);
        }
    }

    /**
     * Loads the newest checkpoint into {@code net} (parameters, updater state, epoch and iteration counters) and
     * {@code stopping}; returns its history.
     */
    History restoreLatest(MultiLayerNetwork net, EarlyStopping stopping) {
        Path latest = latest().orElseThrow(() -> new DlkitException(dir + ": no checkpoint to resume from"));
        try {
            MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(latest.resolve(MODEL).toFile(), true);
            if (saved.numParams() != net.numParams()) {
                throw new DlkitException(String.format(Locale.ROOT,
                        "%s: the checkpoint has %d parameters but this network has %d; "
                        + "resume with the settings of the interrupted run", latest, saved.numParams(), net.numParams()));
            }
            net.setParams(saved.params());
            INDArray state = saved.getUpdater().getStateViewArray();
            if (state != null) {
                net.getUpdater().getStateViewArray().assign(state);
            }
            net.setEpochCount(saved.getEpochCount());
            net.setIterationCount(saved.getIterationCount());
            JsonNode json = Json.MAPPER.readTree(latest.resolve(STATE).toFile());
            if (Files.exists(latest.resolve(BEST_PARAMS))) {
                INDArray best = Nd4j.readBinary(latest.resolve(BEST_PARAMS).toFile());
                if (best.length() != net.numParams()) {
                    throw new IOException(BEST_PARAMS + " holds " + best.length() + " values, expected "
                            + net.numParams());
                }
                stopping.restore(json.path("best_epoch").asInt(), json.path("best_val_loss").asDouble(),
                        best.castTo(net.params().dataType()));
            }
            return History.read(latest.resolve(HISTORY));
        } catch (DlkitException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // a checkpoint is written atomically, so this is a damaged disk or a hand edit: say how to go on
            Throwable cause = e instanceof RuntimeException && e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof java.io.EOFException ? "a file ends too early"
                    : cause.getMessage() == null ? "a file is damaged"
                    : cause.getMessage().lines().findFirst().orElse("");
            throw new DlkitException(latest + ": not a readable checkpoint (" + reason + ")"
                    + (list().size() > 1 ? "; delete that folder to resume from the checkpoint before it" : ""), e);
        }
    }

    /** Deletes {@code path} and everything under it. */
    public static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new DlkitException(path + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }
}
