package org.dlkit.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the backend decision depends on, read from the build and the machine without ND4J (see
 * {@link HostProbe}). A plain value: tests build it from recorded outputs, and {@link Preflight} is a pure function
 * of it.
 *
 * @param backendsInBuild    the ND4J backends whose service entries are on the classpath
 * @param driverLibrary      where {@code libcuda.so.1} was found (first hit), or null
 * @param smi                what nvidia-smi printed
 * @param cudaLibraries      each CUDA 11 library of {@link CudaBuild#LIBRARIES} mapped to where it was found;
 *                           missing ones are absent
 * @param redistOnClasspath  whether the CUDA redistributable jar is on the classpath
 * @param librarySearchPath  the directories searched (besides the ld.so cache), for messages
 * @param cudaVisibleDevices the value of {@code CUDA_VISIBLE_DEVICES}, or null when unset
 * @param priorities         ND4J's backend priorities as its environment variables set them
 */
record HostFacts(Set<Backend> backendsInBuild, String driverLibrary, SmiOutput smi, Map<String, String> cudaLibraries,
                 boolean redistOnClasspath, List<String> librarySearchPath, String cudaVisibleDevices,
                 Map<Backend, Integer> priorities) {

    /**
     * The GPUs CUDA will see: nvidia-smi's list filtered by {@code CUDA_VISIBLE_DEVICES} the way CUDA reads it
     * (indices up to the first invalid one, so {@code -1} or an empty value hides every GPU). UUID or MIG entries
     * cannot be matched to nvidia-smi's list here, so then all GPUs are taken.
     */
    List<Gpu> visibleGpus() {
        List<Gpu> all = smi.gpus();
        if (cudaVisibleDevices == null) {
            return all;
        }
        List<Gpu> visible = new ArrayList<>();
        for (String part : cudaVisibleDevices.split(",", -1)) {
            String entry = part.strip();
            if (!entry.matches("-?[0-9]+")) {
                return entry.isEmpty() ? visible : all;
            }
            int index = Integer.parseInt(entry);
            if (index < 0 || index >= all.size()) {
                return visible;
            }
            visible.add(all.get(index));
        }
        return visible;
    }

    /** The CUDA 11 libraries found neither on the machine nor in a redistributable jar. */
    List<String> missingCudaLibraries() {
        if (redistOnClasspath) {
            return List.of();
        }
        return CudaBuild.LIBRARIES.stream().filter(library -> !cudaLibraries.containsKey(library)).toList();
    }

    /**
     * The backend ND4J tries first when both are on the classpath: the higher priority (on a tie ND4J keeps the
     * classpath order; dlkit then assumes CUDA, as with the defaults).
     */
    Backend nd4jFirstChoice() {
        return priorities.get(Backend.CPU) > priorities.get(Backend.CUDA) ? Backend.CPU : Backend.CUDA;
    }

    /** The same facts for another build: what a {@code -Pcuda} or CPU build would decide on this machine. */
    HostFacts withBuild(Set<Backend> backends, boolean redist) {
        return new HostFacts(backends, driverLibrary, smi, cudaLibraries, redist, librarySearchPath,
                cudaVisibleDevices, priorities);
    }
}
