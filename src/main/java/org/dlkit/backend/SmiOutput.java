package org.dlkit.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader} printed (stdout and stderr
 * together), or that nvidia-smi is not installed. Drivers before 510 do not know {@code compute_cap}; the probe then
 * asks for {@code name,driver_version} and records {@code withComputeCap = false}.
 *
 * @param exitCode       nvidia-smi's exit status; {@link #NOT_INSTALLED_EXIT} when it could not be started
 * @param output         what it printed
 * @param withComputeCap whether the query asked for {@code compute_cap}
 */
record SmiOutput(int exitCode, String output, boolean withComputeCap) {

    static final int NOT_INSTALLED_EXIT = -1;

    static final String QUERY = "name,compute_cap,driver_version";
    static final String QUERY_BEFORE_510 = "name,driver_version";

    static SmiOutput notInstalled() {
        return new SmiOutput(NOT_INSTALLED_EXIT, "", true);
    }

    boolean installed() {
        return exitCode != NOT_INSTALLED_EXIT;
    }

    /** nvidia-smi ran but the kernel driver did not answer ("couldn't communicate with the NVIDIA driver"). */
    boolean driverNotRunning() {
        return installed() && exitCode != 0 && output.contains("communicate with the NVIDIA driver");
    }

    /** nvidia-smi ran and found no GPU. */
    boolean noDevices() {
        return installed() && (output.contains("No devices were found") || (exitCode == 0 && gpus().isEmpty()));
    }

    /** The first line of the output, for messages. */
    String firstLine() {
        String trimmed = output.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }

    /**
     * The GPUs listed, in order. Each line is {@code name, compute_cap, driver_version} (or {@code name,
     * driver_version}); the name is everything before the last two (or one) fields, so a comma in it is kept.
     */
    List<Gpu> gpus() {
        List<Gpu> gpus = new ArrayList<>();
        if (exitCode != 0) {
            return gpus;
        }
        int numbers = withComputeCap ? 2 : 1;
        for (String line : output.strip().split("\\R")) {
            String[] fields = line.split(",");
            if (line.isBlank() || fields.length <= numbers) {
                continue;
            }
            String name = String.join(",", java.util.Arrays.copyOf(fields, fields.length - numbers)).strip();
            ComputeCapability capability = withComputeCap ? ComputeCapability.parse(fields[fields.length - 2]) : null;
            DriverVersion driver = DriverVersion.parse(fields[fields.length - 1]);
            gpus.add(new Gpu(gpus.size(), name, capability, driver));
        }
        return gpus;
    }
}
