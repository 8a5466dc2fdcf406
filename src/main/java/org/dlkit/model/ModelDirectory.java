package org.dlkit.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dlkit.data.FeatureTransform;
import org.dlkit.error.DlkitException;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained model on disk: {@code model.zip} (DL4J's {@link ModelSerializer} format, normaliser included),
 * {@code metadata.json} (the {@link ModelInfo}, the DL4J configuration and the evaluation metrics) and
 * {@code transform.json} (the {@link FeatureTransform}: schema, categories, imputation values as DataVec's JSON).
 *
 * <p>Writes go to a temporary sibling directory that is renamed into place, so a crash never leaves a half-written
 * model; an existing directory is replaced only when {@code force} is given.
 */
public final class ModelDirectory {

    public static final String MODEL_FILE = "model.zip";
    public static final String METADATA_FILE = "metadata.json";
    /** The feature transform: schema summary and DataVec's TransformProcess JSON. */
    public static final String TRANSFORM_FILE = "transform.json";
    /** The sibling {@code DIR.partial} where an unfinished training run into {@code DIR} keeps its state. */
    public static final String PARTIAL_SUFFIX = ".partial";
    /** The arguments of an unfinished run, in its {@code DIR.partial}. */
    public static final String RUN_COMMAND_FILE = "command.json";

    private static final ObjectMapper JSON = Json.MAPPER;

    /** A model read back from disk. */
    public record Loaded(MultiLayerNetwork network, DataNormalization normalizer, FeatureTransform transform,
                         ModelInfo info, Map<String, Object> metrics) { }

    private ModelDirectory() {
    }

    /**
     * {@code path} as one word of a shell command that a message suggests ({@code dlkit train --resume PATH}): as it
     * is when it holds only letters, digits and {@code _ . / : @ % + = , -}, else in single quotes, so a path with
     * spaces or {@code $} can be pasted into a shell as printed.
     */
    public static String shellWord(Object path) {
        String word = String.valueOf(path);
        return word.matches("[\\p{L}\\p{N}_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Fails unless {@code dir} can be written: absent, or present and {@code force} given. */
    public static void checkWritable(Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DlkitException(dir + ": exists and is a file, not a model directory; choose another --out");
        }
        if (Files.exists(dir) && !force) {
            throw new DlkitException(dir + ": already exists; choose another --out or pass --force to replace it "
                    + "(in Java: save(dir, true))");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new DlkitException(dir + ": is the root of the file system; expected a directory for the model");
        }
        if (Files.isDirectory(dir) && !isModel(dir) && !isEmpty(dir)) {
            // --force replaces the whole directory: never a folder of the user's own files
            throw new DlkitException(dir + ": holds files but no dlkit model (" + MODEL_FILE + ", " + METADATA_FILE
                    + "); --force replaces only model directories, so choose another --out");
        }
        AtomicFiles.checkFolder(dir, abs.getParent());
    }

    private static boolean isModel(Path dir) {
        return Files.isRegularFile(dir.resolve(MODEL_FILE)) && Files.isRegularFile(dir.resolve(METADATA_FILE));
    }

    private static boolean isEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new DlkitException(dir + ": cannot be read (" + AtomicFiles.reason(e) + ")", e);
        }
    }


    /**
     * Writes the model atomically, with {@code extra} files (history, charts, report) written into the same
     * temporary directory before it is renamed into place.
     */
    public static void save(Path dir, MultiLayerNetwork net, DataNormalization normalizer, FeatureTransform transform,
                            ModelInfo info, Map<String, Object> metrics, boolean force, AtomicFiles.Content extra) {
        checkWritable(dir, force);
        Path target = dir.toAbsolutePath().normalize();
        AtomicFiles.replaceDirectory(target, tmp -> {
            // writeModel(..., normalizer) fails in M2.1 (the normaliser serialiser closes the zip stream early),
            // so the normaliser is added to the finished zip in a second step.
            ModelSerializer.writeModel(net, tmp.resolve(MODEL_FILE).toFile(), true);
            ModelSerializer.addNormalizerToModel(tmp.resolve(MODEL_FILE).toFile(), normalizer);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("dlkit_version", info.dlkitVersion());
            meta.put("seed", info.seed());
            meta.put("feature_names", info.featureNames());
            meta.put("label_name", info.labelName());
            meta.put("class_names", info.classNames());
            meta.put("settings", info.settings());
            meta.put("metrics", metrics);
            meta.put("configuration", JSON.readTree(net.getLayerWiseConfigurations().toJson()));
            Json.write(tmp.resolve(METADATA_FILE), meta);
            Json.write(tmp.resolve(TRANSFORM_FILE), transform.toJson(JSON));
            extra.writeTo(tmp);
        });
    }

    /** Reads a model directory, failing with a clear message when a file is missing or unreadable. */
    public static Loaded load(Path dir) {
        AtomicFiles.recover(dir);
        checkIsModel(dir);
        Path modelFile = dir.resolve(MODEL_FILE);
        Path metaFile = dir.resolve(METADATA_FILE);
        ModelInfo info;
        Map<String, Object> metrics;
        try {
            JsonNode meta = JSON.readTree(metaFile.toFile());
            if (meta == null || !meta.isObject()) {
                throw new DlkitException(metaFile + ": not valid model metadata (expected a JSON object, found "
                        + (meta == null || meta.isMissingNode() ? "an empty file" : meta.getNodeType().toString()
                        .toLowerCase(java.util.Locale.ROOT)) + ")");
            }
            info = new ModelInfo(strings(meta, "feature_names", metaFile), text(meta, "label_name", metaFile),
                    strings(meta, "class_names", metaFile), meta.path("seed").asLong(),
                    JSON.convertValue(meta.path("settings"), new TypeReference<Map<String, Object>>() { }),
                    meta.path("dlkit_version").asText("unknown"));
            metrics = JSON.convertValue(meta.path("metrics"), new TypeReference<Map<String, Object>>() { });
        } catch (IOException | IllegalArgumentException e) {
            throw new DlkitException(metaFile + ": not valid model metadata (" + firstLine(e) + ")", e);
        }
        MultiLayerNetwork net;
        DataNormalization normalizer;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), true);
            normalizer = ModelSerializer.restoreNormalizerFromFile(modelFile.toFile());
        } catch (Exception e) {
            throw new DlkitException(modelFile + ": not a readable DL4J model (" + firstLine(e) + ")", e);
        }
        if (normalizer == null) {
            throw new DlkitException(modelFile + ": holds no normaliser; it was not written by dlkit");
        }
        int outputs = net.layerSize(net.getnLayers() - 1);
        if (outputs != info.classNames().size() || net.layerInputSize(0) != info.featureNames().size()) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s: the network (%d inputs, %d outputs) does not match %s (%d features, %d classes)",
                    modelFile, net.layerInputSize(0), outputs, METADATA_FILE, info.featureNames().size(),
                    info.classNames().size()));
        }
        FeatureTransform transform = transform(dir.resolve(TRANSFORM_FILE), info);
        return new Loaded(net, normalizer, transform, info, metrics == null ? Map.of() : metrics);
    }

    /**
     * Fails with one line unless {@code dir} looks like a finished model: not a file, not missing (an interrupted
     * run's {@code DIR.partial} named), not the {@code .partial} directory itself, not empty, model files present.
     */
    private static void checkIsModel(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
        Path partial = abs.resolveSibling(name + PARTIAL_SUFFIX);
        if (Files.isRegularFile(dir)) {
            throw new DlkitException(dir + ": is a file, not a model directory; give the directory train wrote "
                    + "(it holds " + MODEL_FILE + " and " + METADATA_FILE + ")");
        }
        if (!Files.exists(dir)) {
            if (!Files.isDirectory(partial)) {
                throw new DlkitException(dir + ": no such model directory");
            }
            if (RunLock.held(partial)) {
                throw new DlkitException(dir + ": no model yet; its training is still running (into "
                        + partial.getFileName() + "): wait for it to end");
            }
            throw new DlkitException(dir + ": no model yet; its training was interrupted (" + partial.getFileName()
                    + " holds the run): continue it with dlkit train --resume " + shellWord(dir));
        }
        if (name.endsWith(PARTIAL_SUFFIX) && Files.exists(dir.resolve(RUN_COMMAND_FILE))) {
            throw new DlkitException(dir + ": holds an interrupted training run, not a model; continue it with dlkit "
                    + "train --resume " + shellWord(dir) + ", then use "
                    + name.substring(0, name.length() - PARTIAL_SUFFIX.length()));
        }
        List<String> files = List.of(MODEL_FILE, METADATA_FILE, TRANSFORM_FILE);
        if (files.stream().noneMatch(f -> Files.exists(dir.resolve(f)))) {
            throw new DlkitException(dir + (isEmpty(dir) ? ": is empty" : ": holds no model") + "; not a dlkit model "
                    + "directory (expected " + String.join(", ", files) + ", as train writes them)");
        }
        for (String file : files) {
            Path p = dir.resolve(file);
            if (!Files.isRegularFile(p)) {
                throw new DlkitException(dir + ": " + file + (Files.exists(p) ? " is not a file" : " is missing")
                        + "; not a complete dlkit model directory (copy all its files, or train again)");
            }
            if (!Files.isReadable(p)) {
                throw new DlkitException(p + ": cannot be read (permission denied)");
            }
        }
    }

    /** The saved feature transform, checked against the network inputs of the metadata. */
    private static FeatureTransform transform(Path transformFile, ModelInfo info) {
        FeatureTransform transform;
        List<String> outputs;
        try {
            transform = FeatureTransform.fromJson(JSON.readTree(transformFile.toFile()), JSON);
            outputs = transform.outputNames();
        } catch (IOException | RuntimeException e) {
            throw new DlkitException(transformFile + ": not a readable feature transform ("
                    + (e instanceof NullPointerException ? "a field is missing or empty" : firstLine(e)) + ")", e);
        }
        if (!outputs.equals(info.featureNames())) {
            throw new DlkitException(String.format(Locale.ROOT,
                    "%s: its outputs %s differ from the network inputs in %s",
                    transformFile, outputs, METADATA_FILE));
        }
        return transform;
    }

    private static List<String> strings(JsonNode meta, String field, Path file) {
        JsonNode node = meta.get(field);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new DlkitException(file + ": field '" + field + "' is missing or empty");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode meta, String field, Path file) {
        JsonNode node = meta.get(field);
        if (node == null || !node.isTextual()) {
            throw new DlkitException(file + ": field '" + field + "' is missing");
        }
        return node.asText();
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
