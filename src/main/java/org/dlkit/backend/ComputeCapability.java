package org.dlkit.backend;

/**
 * An NVIDIA GPU's compute capability {@code major.minor} (e.g. 8.6 for an RTX 3090, 9.0 for an H100).
 *
 * <p>Compiled GPU code (SASS) for {@code sm_XY} runs on a device of capability {@code X.Z} only when the major
 * versions are equal and {@code Z ≥ Y}; anything else needs PTX to be compiled just in time by the driver.
 */
record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    /** Parses {@code "9.0"}; returns null for anything else (nvidia-smi prints {@code [N/A]} when it cannot tell). */
    static ComputeCapability parse(String text) {
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new ComputeCapability(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether code compiled for {@code this} capability runs on a {@code device}: same major, minor not above. */
    boolean runsOn(ComputeCapability device) {
        return major == device.major && minor <= device.minor;
    }

    @Override
    public int compareTo(ComputeCapability other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
