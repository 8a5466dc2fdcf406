package org.dlkit.model;

import org.dlkit.data.ImageFolder;
import org.dlkit.data.LabelledData;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a trained model must remember besides its weights: the network inputs it reads (encoded feature names), the label column and class
 * names it predicts, the seed and settings that produced it, and the dlkit version.
 */
public record ModelInfo(List<String> featureNames, String labelName, List<String> classNames, long seed,
                        Map<String, Object> settings, String dlkitVersion) {

    public ModelInfo {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        settings = Map.copyOf(settings);
    }

    /**
     * The info of a model trained on {@code data}, whose network reads {@code inputs} (the encoded feature names), with
     * {@code seed} and {@code settings}.
     */
    public static ModelInfo of(LabelledData data, List<String> inputs, long seed, Map<String, Object> settings) {
        return new ModelInfo(inputs, data.labelName(), data.classNames(), seed, settings, version());
    }

    /**
     * The size images are resampled to when the model was trained on an image folder (its inputs are the pixels
     * {@code px_<row>_<column>}); null for a model trained on table columns.
     */
    public ImageFolder.Size imageSize() {
        return ImageFolder.Size.ofFeatures(featureNames);
    }

    /** This dlkit's version, from the build. */
    public static String version() {
        try (InputStream in = ModelInfo.class.getResourceAsStream("/org/dlkit/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
