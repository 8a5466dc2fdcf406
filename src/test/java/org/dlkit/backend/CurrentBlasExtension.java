package org.dlkit.backend;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Loads dlkit's OpenBLAS before the first test class touches ND4J, as {@link Backends#select} does for the CLI and
 * the API, so the suite (the gradient checks included) runs on the BLAS users get. Registered for every test class
 * through {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class CurrentBlasExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        OpenBlas.preload();
    }
}
