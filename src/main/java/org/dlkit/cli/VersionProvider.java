package org.dlkit.cli;

import org.dlkit.model.ModelInfo;
import picocli.CommandLine;

/** {@code dlkit --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"dlkit " + ModelInfo.version() + " (Deeplearning4j 1.0.0-M2.1)"};
    }
}
