package org.dlkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Facts the {@code bin/dlkit} launcher passes in: where dlkit is installed, so bundled datasets are found. */
final class Launcher {

    private Launcher() {
    }

    /** {@code datasets/<name>} in the working directory, else in the dlkit home ({@code -Ddlkit.home}). */
    static Path bundledDataset(String name) {
        Path local = Path.of("datasets", name);
        String home = System.getProperty("dlkit.home");
        if (Files.exists(local) || home == null) {
            return local;
        }
        return Path.of(home, "datasets", name);
    }
}
