package org.dlkit.backend;

import java.util.Locale;

/**
 * An ND4J backend that a dlkit build can contain: exactly one of them, chosen by the Maven profile.
 *
 * <p>ND4J finds backends with {@link java.util.ServiceLoader} ({@code META-INF/services/org.nd4j.linalg.factory
 * .Nd4jBackend}), tries them in order of priority (CUDA 100, CPU 0, changed only by the environment variables
 * {@code BACKEND_PRIORITY_GPU} / {@code BACKEND_PRIORITY_CPU}) and takes the first whose {@code isAvailable()} holds.
 */
public enum Backend {
    CPU("org.nd4j.linalg.cpu.nativecpu.CpuBackend", "org.nd4j:nd4j-native", "BACKEND_PRIORITY_CPU", 0),
    CUDA("org.nd4j.linalg.jcublas.JCublasBackend", "org.nd4j:nd4j-cuda-11.6", "BACKEND_PRIORITY_GPU", 100);

    private final String nd4jClass;
    private final String artifact;
    private final String priorityVariable;
    private final int defaultPriority;

    Backend(String nd4jClass, String artifact, String priorityVariable, int defaultPriority) {
        this.nd4jClass = nd4jClass;
        this.artifact = artifact;
        this.priorityVariable = priorityVariable;
        this.defaultPriority = defaultPriority;
    }

    /** The {@code Nd4jBackend} implementation ND4J loads for this backend. */
    public String nd4jClass() {
        return nd4jClass;
    }

    /** The Maven artifact that brings it. */
    public String artifact() {
        return artifact;
    }

    /** The environment variable ND4J reads (once, in a static initialiser) for this backend's priority. */
    String priorityVariable() {
        return priorityVariable;
    }

    /** ND4J's priority for this backend when its variable is not set. */
    int defaultPriority() {
        return defaultPriority;
    }

    /** The backend whose ND4J class is {@code className}, or null for another (unknown) backend. */
    static Backend ofNd4jClass(String className) {
        for (Backend backend : values()) {
            if (backend.nd4jClass.equals(className)) {
                return backend;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
