package org.dlkit.engine;

import org.dlkit.autodiff.Pointwise;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA engine's PTX is current: its header records the SHA-256 of engine.cu it was built from (file times are
 * not kept by git), and every kernel the device launches is in it. Regenerate with src/cuda/build-ptx.
 */
class PtxCurrentTest {

    static final Path CU = Path.of("src/cuda/kernels/engine.cu");
    static final Path PTX = Path.of("src/cuda/resources/org/dlkit/cuda/engine.ptx");

    @Test
    void ptxWasBuiltFromTheCurrentSource() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(CU)));
        String first = Files.readAllLines(PTX).get(0);
        assertEquals("// dlkit-source-sha256: " + hash + " engine.cu", first,
                "engine.ptx is stale: it was not built from the current engine.cu; run src/cuda/build-ptx");
    }

    @Test
    void everyKernelTheDeviceLaunchesIsInThePtxForALowComputeCapability() throws Exception {
        String ptx = Files.readString(PTX);
        assertTrue(ptx.contains("\n.target sm_75"), "PTX for compute capability 7.5 (JIT on newer GPUs)");
        for (String k : List.of("bias_act", "act_back", "output_loss", "sgd", "adam", "fill")) {
            for (String suffix : List.of("_f", "_d")) {
                assertTrue(ptx.contains(".visible .entry " + k + suffix + "("), k + suffix + " missing from the PTX");
            }
        }
    }

    @Test
    void activationAndLossCodesAreTheKernelsSwitchCases() throws Exception {
        String cu = Files.readString(CU);
        for (Nonlinearity f : Nonlinearity.values()) {
            assertTrue(f.code() == 0 || cu.contains("case " + f.code() + ":"), f + " has no case in engine.cu");
        }
        // the highest codes, up to which host_check.cpp checks every function and the emulator accepts a launch
        int lastActivation = Nonlinearity.values()[Nonlinearity.values().length - 1].code();
        assertEquals(Nonlinearity.values().length - 1, lastActivation, "activation codes 0, 1, 2, ... in order");
        assertTrue(cu.contains("#define LAST_ACTIVATION " + lastActivation + "\n"), "engine.cu's LAST_ACTIVATION");
        int lastLoss = OutputLoss.values().length - 1;
        assertTrue(cu.contains("#define LAST_LOSS " + lastLoss + "\n"), "engine.cu's LAST_LOSS");
        assertEquals(List.of(0, 1, 2), List.of(OutputLoss.SOFTMAX_MCXENT.code(), OutputLoss.SIGMOID_XENT.code(),
                OutputLoss.MSE.code()));
    }

    /**
     * engine.cu copies DL4J's float32 constants that the Java side keeps in {@link Pointwise} (C cannot read them):
     * the copies are the same numbers, so the GPU's GELU and hard sigmoid cannot drift from the CPU's unnoticed on a
     * machine without a GPU.
     */
    @Test
    void theKernelsFloat32ConstantsAreTheJavaOnes() throws Exception {
        String cu = Files.readString(CU);
        assertTrue(cu.contains("#define GELU_K " + Pointwise.GELU_SIGMOID_SCALE + "\n"), "engine.cu's GELU_K");
        assertTrue(cu.contains("#define HARD_SIGMOID_SLOPE " + Pointwise.HARD_SIGMOID_SLOPE + "\n"),
                "engine.cu's HARD_SIGMOID_SLOPE");
    }

    /**
     * The PTX declares ISA 7.0 (drivers for CUDA 11.0 and newer JIT it), and where ptxas is installed it accepts the
     * PTX as declared: ptxas refuses any instruction the declared ISA lacks.
     */
    @Test
    void thePtxDeclaresIsa70AndPtxasAcceptsItAsDeclared(@TempDir Path tmp) throws Exception {
        String ptx = Files.readString(PTX);
        assertTrue(ptx.contains("\n.version 7.0\n"), "engine.ptx declares PTX ISA 7.0 (src/cuda/build-ptx)");
        Optional<Path> ptxas = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")),
                        Stream.of("/usr/local/cuda/bin"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "ptxas")).filter(Files::isExecutable)
                .findFirst();
        Assumptions.assumeTrue(ptxas.isPresent(), "no ptxas here (it comes with nvcc)");
        Process p = new ProcessBuilder(ptxas.get().toString(), "-arch=sm_75", "-o",
                tmp.resolve("engine.cubin").toString(), PTX.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptxas did not finish");
        assertEquals(0, p.exitValue(), "ptxas refuses engine.ptx as declared: " + out);
    }
}
