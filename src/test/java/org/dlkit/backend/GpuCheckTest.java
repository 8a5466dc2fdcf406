package org.dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** gpu-check's report, and that it runs with this package and Jackson only: no ND4J, no natives. */
class GpuCheckTest {

    private static String print(String[] args, HostFacts facts, int expectedExit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = GpuCheck.run(args, facts, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, exit);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void h100ReportNamesTheGpuAndWhatEachBuildWouldDo() throws Exception {
        HostFacts h100 = Machine.build().driver().smi(0, Machine.H100).noCudaLibraries().facts();
        String text = print(new String[0], h100, 1);
        assertTrue(text.contains("name NVIDIA H100 80GB HBM3, computeCapability 9.0, driver 580.95.05"), text);
        assertTrue(text.contains("[FAIL] compute capability"), text);
        JsonNode json = new ObjectMapper().readTree(print(new String[] {"--json"}, h100, 1));
        JsonNode builds = json.get("whatDlkitWouldDo");
        assertTrue(builds.get("-Pcuda-redist build").get("--backend cuda").asText()
                .startsWith("refused: GPU 0 NVIDIA H100 80GB HBM3 (compute capability 9.0)"));
        String auto = builds.get("default build (CPU)").get("--backend auto").asText();
        assertTrue(auto.startsWith("cpu: ") && auto.contains("; with --engine auto dlkit's engine trains on NVIDIA "
                + "H100 80GB HBM3 in float where it trains the network (it needs Java 22+"), auto);
        // the default build's --backend cuda goes to dlkit's own engine on this GPU (EngineChoice), not a refusal
        assertTrue(builds.get("default build (CPU)").get("--backend cuda").asText()
                .startsWith("dlkit's engine on the GPU in float"), builds.toString());
        assertTrue(builds.get("-Pcuda build").get("--backend auto").asText().contains("no CPU backend"));
    }

    @Test
    void exitCodeZeroWhereACudaBuildWouldRun() throws Exception {
        print(new String[0], Machine.build().driver().smi(0, Machine.A100).facts(), 0);
        print(new String[] {"--bad"}, Machine.build().facts(), 2);
        // without a driver, the default build's --backend cuda is refused as the CLI refuses it
        JsonNode noGpu = new ObjectMapper().readTree(print(new String[] {"--json"}, Machine.build().facts(), 1));
        assertTrue(noGpu.get("whatDlkitWouldDo").get("default build (CPU)").get("--backend cuda").asText()
                .startsWith("refused: "), noGpu.toString());
        // and its --backend auto is today's: the CPU, nothing about dlkit's engine
        String auto = noGpu.get("whatDlkitWouldDo").get("default build (CPU)").get("--backend auto").asText();
        assertEquals(Machine.build(Backend.CPU).decide(BackendChoice.AUTO).summary(), auto);
        assertFalse(auto.contains("engine"), auto);
    }

    @Test
    void runsWithoutNd4jOnTheClasspath() throws Exception {
        URL[] urls = {
            location(GpuCheck.class), location(ObjectMapper.class), location(JsonFactory.class),
            location(JsonProperty.class)
        };
        try (URLClassLoader isolated = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> isolated.loadClass("org.nd4j.linalg.factory.Nd4j"));
            Class<?> check = isolated.loadClass(GpuCheck.class.getName());
            Method run = check.getDeclaredMethod("run", String[].class, PrintStream.class);
            run.setAccessible(true);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            run.invoke(null, new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("cudaChecks:") && text.contains("default build (CPU):"), text);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
