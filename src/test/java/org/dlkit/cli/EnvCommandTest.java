package org.dlkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code dlkit env} and {@code --backend} on this (CPU build, GPU-less) test machine. */
class EnvCommandTest {

    @Test
    void jsonReportsTheCpuBackendAndWhy() throws Exception {
        Run run = Run.of(new EnvCommand(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("backend cpu (auto: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("cpu", json.at("/backend/runs").asText());
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", json.at("/backend/nd4jBackend").asText());
        assertEquals("OPENBLAS", json.at("/nd4j/blasVendor").asText());
        assertTrue(json.at("/nd4j/nativeBinary").asText().matches("generic x86-64|AVX2|AVX-512"));
        assertEquals(1, json.at("/threads/openMp").asInt()); // surefire sets OMP_NUM_THREADS=1
        assertTrue(json.at("/memory/heapMax").asText().endsWith("GiB (-Xmx)"));
        assertEquals("ENABLED", json.at("/workspaces/training").asText());
        assertEquals(5, json.at("/machine/cudaChecks").size());
    }

    @Test
    void textReportHasTheSameFacts() {
        Run run = Run.of(new EnvCommand(), "--backend", "cpu");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\n  runs: cpu\n  why: asked for\n"), run.out());
        assertEquals("", run.err()); // only auto prints its one line
    }

    @Test
    void cudaOnThisMachineIsRefusedWithItsReasonAndExitCode2() {
        Run run = Run.of(new EnvCommand(), "--backend", "cuda");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("--backend cuda: "), run.err());
        boolean driverHere = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
                || Files.exists(Path.of("/usr/lib64/libcuda.so.1"));
        if (!driverHere) {
            assertTrue(run.err().contains("no NVIDIA driver: libcuda.so.1"), run.err());
        }
        assertEquals("", run.out());
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        Run run = Run.of(new EnvCommand(), "--backend", "gpu");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("expected auto, cpu or cuda, got 'gpu'"), run.err());
    }
}
