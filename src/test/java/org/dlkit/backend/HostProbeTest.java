package org.dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe reads the classpath, nvidia-smi and the library directories as ND4J and the linker would. */
class HostProbeTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private HostFacts probe(String smi, ClassLoader loader, Map<String, String> environment) {
        return new HostProbe(smi, loader, environment).read();
    }

    @Test
    void serviceEntriesNameTheBackendsWhoseClassesArePresent() {
        HostFacts facts = new HostProbe().read();
        Set<Backend> present = EnumSet.noneOf(Backend.class);
        for (Backend backend : Backend.values()) {
            if (getClass().getClassLoader().getResource(backend.nd4jClass().replace('.', '/') + ".class") != null) {
                present.add(backend);
            }
        }
        assertFalse(present.isEmpty());
        assertEquals(present, facts.backendsInBuild());
    }

    @Test
    void recordedH100OutputIsRead() throws IOException {
        Path smi = script("nvidia-smi", "echo 'NVIDIA H100 80GB HBM3, 9.0, 580.95.05'\n");
        List<Gpu> gpus = probe(smi.toString(), getClass().getClassLoader(), Map.of()).smi().gpus();
        assertEquals(List.of(new Gpu(0, "NVIDIA H100 80GB HBM3", new ComputeCapability(9, 0),
                DriverVersion.parse("580.95.05"))), gpus);
    }

    @Test
    void driversBefore510AreAskedWithoutComputeCap() throws IOException {
        Path smi = script("nvidia-smi", """
                case "$1" in *compute_cap*) echo 'Field "compute_cap" is not a valid field to query.'; exit 2;; esac
                echo 'Tesla K80, 418.87.01'
                """);
        SmiOutput output = probe(smi.toString(), getClass().getClassLoader(), Map.of()).smi();
        assertFalse(output.withComputeCap());
        assertEquals("Tesla K80", output.gpus().get(0).name());
    }

    @Test
    void missingNvidiaSmiIsNotInstalled() {
        HostFacts facts = probe(dir.resolve("absent").toString(), getClass().getClassLoader(), Map.of());
        assertFalse(facts.smi().installed());
    }

    @Test
    void librariesAreFoundOnLdLibraryPathAndPrioritiesInTheEnvironment() throws IOException {
        Files.createFile(dir.resolve("libcuda.so.1"));
        for (String library : CudaBuild.LIBRARIES) {
            Files.createFile(dir.resolve(library));
        }
        HostFacts facts = probe("absent-smi", getClass().getClassLoader(),
                Map.of("LD_LIBRARY_PATH", dir.toString(), "BACKEND_PRIORITY_CPU", "200",
                        "CUDA_VISIBLE_DEVICES", "0"));
        assertEquals(dir.resolve("libcuda.so.1").toString(), facts.driverLibrary());
        assertTrue(facts.missingCudaLibraries().isEmpty());
        assertEquals(dir.toString(), facts.librarySearchPath().get(0));
        assertEquals(200, facts.priorities().get(Backend.CPU));
        assertEquals(100, facts.priorities().get(Backend.CUDA));
        assertEquals(Backend.CPU, facts.nd4jFirstChoice());
        assertEquals("0", facts.cudaVisibleDevices());
    }

    @Test
    void bothServiceEntriesAndTheRedistributableAreSeenOnTheClasspath() throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("org.nd4j.linalg.factory.Nd4jBackend"),
                "# a comment\norg.nd4j.linalg.jcublas.JCublasBackend\norg.example.OtherBackend\n");
        Path redist = dir.resolve(CudaBuild.REDIST_DIRECTORY);
        Files.createDirectories(redist);
        for (String library : CudaBuild.LIBRARIES) {
            Files.createFile(redist.resolve(library));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            HostFacts facts = probe("absent-smi", loader, Map.of());
            assertTrue(facts.backendsInBuild().contains(Backend.CUDA));
            assertTrue(facts.redistOnClasspath());
            assertTrue(facts.missingCudaLibraries().isEmpty());
        }
    }
}
