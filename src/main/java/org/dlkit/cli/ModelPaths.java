package org.dlkit.cli;

import org.dlkit.data.CsvFormat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where {@code train} puts a model when {@code --out} is not given: a new directory under {@code models/}. */
final class ModelPaths {

    private ModelPaths() {
    }

    /**
     * {@code models/<data name>-<yyyyMMdd-HHmmss>} ({@code rows} for {@code rows.csv.gz}, {@code stdin} for {@code -}),
     * with a numeric suffix if that exists already. */
    static Path newModelDirectory(Path csv) {
        String name = CsvFormat.isStandardInput(csv) ? "stdin"
                : csv.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.[^.]*$", "");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path dir = Path.of("models", name + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("models", name + "-" + stamp + "-" + i);
        }
        return dir;
    }
}
