package org.dlkit.engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/device-check's decisions without a GPU, Java bundle or PyTorch: a stand-in bundle whose "java" prints what
 * DeviceCheck and GpuCheck print, and a stand-in python3 that prints PyTorch's figures, so the summary's ratio, the
 * speed target, the exit code and the per-step time limits are exercised for real. And the PyTorch script's skip
 * paths (PyTorch missing or broken, no GPU), with stand-in torch modules, where python3 exists.
 */
class DeviceCheckScriptTest {

    private static final Path REPO = Path.of("").toAbsolutePath();

    /** A copy of the three scripts and the PyTorch script in {@code root}, with a stand-in bundle unless null. */
    private static Path tree(Path root, String java) throws IOException {
        for (String f : List.of("bin/device-check", "bin/gpu-check", "bin/cuda-check", "src/cuda/bench/torch_mlp.py")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.copy(REPO.resolve(f), root.resolve(f));
            root.resolve(f).toFile().setExecutable(true);
        }
        if (java != null) {
            Path bundle = root.resolve("target/device-check");
            Files.createDirectories(bundle.resolve("lib"));
            Files.createFile(bundle.resolve("lib/dlkit-check.jar"));
            script(bundle.resolve("jre/bin/java"), java);
        }
        return root;
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A "java" that answers -version, GpuCheck (exit 1: ND4J refuses) and DeviceCheck (the figures of $RATES). */
    private static final String JAVA = """
            case "$*" in
              *-version*) echo 'openjdk version "25" (stand-in)' ;;
              *GpuCheck*) echo "whatDlkitWouldDo: refused (stand-in)"; exit 1 ;;
              *DeviceCheck*) sleep "${SLEEP:-0}"; echo "GPU tests: 20 passed, 0 not passed"
                set -- $RATES; echo "batch   128: $1 examples/s (9 steps in 1.0 s)"
                echo "batch  1024: $2 examples/s (9 steps in 1.0 s)" ;;
            esac""";

    /** A python3 that prints PyTorch's figures $TORCH, or skips when TORCH is unset. */
    private static final String PYTHON = """
            [ -n "$TORCH" ] || { echo "torch_mlp: skipped: stand-in without PyTorch"; exit 0; }
            set -- $TORCH; echo "batch   128: $1 examples/s (9 steps in 1.0 s)"
            echo "batch  1024: $2 examples/s (9 steps in 1.0 s)"
            """;

    private static Result deviceCheck(Path root, Map<String, String> env) throws Exception {
        script(root.resolve("fakebin/python3"), PYTHON);
        Path out = root.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/device-check").toString(), "--seconds", "1")
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("OUT") || k.equals("LD_LIBRARY_PATH"));
        pb.environment().put("PATH", root.resolve("fakebin") + ":/usr/bin:/bin");
        pb.environment().put("OUT", out.toString());
        pb.environment().putAll(env);
        return Result.of(pb, out);
    }

    private record Result(int exit, String stdout, Path out) {
        static Result of(ProcessBuilder pb, Path out) throws Exception {
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), text);
            return new Result(p.exitValue(), text, out);
        }

        String file(String name) throws IOException {
            return Files.readString(out.resolve(name));
        }
    }

    @Test
    void passesWhenDlkitReachesHalfOfPyTorchAtBothBatchSizes(@TempDir Path tmp) throws Exception {
        Result r = deviceCheck(tree(tmp, JAVA), Map.of("RATES", "60000 500000", "TORCH", "98000 834000"));
        assertEquals(0, r.exit(), r.stdout());
        String summary = r.file("device-check.txt");
        assertTrue(summary.contains("dlkit     60000  PyTorch     98000  ratio 0.612: PASS"), summary);
        assertTrue(summary.contains("ratio 0.600: PASS") && summary.contains("== device-check: PASSED"), summary);
        for (String f : List.of("gpu-check.txt", "cuda-check.txt", "torch-mlp.txt")) {
            assertTrue(Files.size(r.out().resolve(f)) > 0, f);
        }
    }

    @Test
    void failsWhenOneBatchSizeIsUnderHalf(@TempDir Path tmp) throws Exception {
        Result r = deviceCheck(tree(tmp, JAVA), Map.of("RATES", "60000 400000", "TORCH", "98000 834000"));
        assertEquals(1, r.exit(), r.stdout());
        assertTrue(r.stdout().contains("ratio 0.480: FAIL") && r.stdout().contains("speed target FAIL"), r.stdout());
    }

    @Test
    void withoutPyTorchTheSpeedTargetIsNotJudgedAndTheCheckFails(@TempDir Path tmp) throws Exception {
        Result r = deviceCheck(tree(tmp, JAVA), Map.of("RATES", "60000 500000"));
        assertEquals(1, r.exit(), r.stdout());
        assertTrue(r.stdout().contains("speed target NOT JUDGED; PyTorch skipped: stand-in without PyTorch"),
                r.stdout());
        assertTrue(r.stdout().contains("dlkit     60000  PyTorch         -"), r.stdout());
    }

    @Test
    void aStepOverItsLimitIsStoppedAndTheOthersStillRun(@TempDir Path tmp) throws Exception {
        long start = System.nanoTime();
        Result r = deviceCheck(tree(tmp, JAVA), Map.of("RATES", "60000 500000", "TORCH", "98000 834000",
                "SLEEP", "30", "DLKIT_CHECK_LIMITS", "10 2 10"));
        assertTrue((System.nanoTime() - start) / 1e9 < 20, "the 30 s step was not stopped at 2 s");
        assertEquals(1, r.exit(), r.stdout());
        assertTrue(r.file("cuda-check.txt").contains("ran out of its 2 s"), r.file("cuda-check.txt"));
        assertTrue(r.file("torch-mlp.txt").contains("batch  1024: 834000"), r.file("torch-mlp.txt"));
    }

    @Test
    void withoutTheBundleEveryStepStillWritesItsFile(@TempDir Path tmp) throws Exception {
        Result r = deviceCheck(tree(tmp, null), Map.of("TORCH", "98000 834000"));
        assertEquals(1, r.exit(), r.stdout());
        assertTrue(r.file("device-check.txt").contains("bundle: MISSING"), r.stdout());
        assertTrue(r.file("cuda-check.txt").contains("no bundle"), r.file("cuda-check.txt"));
        assertTrue(Files.exists(r.out().resolve("gpu-check.txt")));
    }

    /** The device tool sends the working tree and the bundle together, at most 64 MiB: prepare refuses more. */
    @Test
    void prepareRefusesABundleThatWithTheWorkingTreeIsOverWhatOneCallSends(@TempDir Path tmp) throws Exception {
        Path root = tree(tmp, null);
        assertEquals(0, new ProcessBuilder("git", "init", "-q").directory(root.toFile()).start().waitFor());
        Files.writeString(root.resolve(".gitignore"), "target/\nfakebin/\n");
        // a stand-in `cuda-check prepare` writing a 55 MiB bundle (under its own limit of 60,000,000 bytes) and 10 MiB
        // of data in the working tree (both sparse: du -b counts their length)
        script(root.resolve("bin/cuda-check"),
                "mkdir -p \"$DLKIT_CHECK_BUNDLE\" && truncate -s 55M \"$DLKIT_CHECK_BUNDLE/jar\"");
        script(root.resolve("fakebin/g++"), "exit 0");
        try (RandomAccessFile data = new RandomAccessFile(root.resolve("data.bin").toFile(), "rw")) {
            data.setLength(10 << 20);
        }
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/device-check").toString(), "prepare")
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", root.resolve("fakebin") + ":/usr/bin:/bin");
        Result r = Result.of(pb, root.resolve("out"));
        assertEquals(2, r.exit(), r.stdout());
        assertTrue(r.stdout().contains("the bundle (5767") && r.stdout().contains("the working tree that travels")
                && r.stdout().contains("are over the 67108864 bytes (64 MiB)"), r.stdout());
    }

    /** torch_mlp.py with stand-in torch modules on PYTHONPATH: one line, exit 0, when it cannot measure. */
    @Test
    void theTorchScriptSkipsInOneLineWithoutPyTorchOrAGpu(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "no python3 here");
        Path broken = tmp.resolve("broken/torch/__init__.py");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "raise ImportError('libcudart.so.12: cannot open shared object file')\n");
        Path cpuOnly = tmp.resolve("cpu/torch/__init__.py");
        Files.createDirectories(cpuOnly.getParent());
        Files.writeString(cpuOnly, """
                __version__ = '2.99.0+cpu'
                class cuda:
                    @staticmethod
                    def is_available(): return False
                class version:
                    cuda = None
                """);
        String broke = torchScript(tmp.resolve("broken"));
        assertEquals("torch_mlp: skipped: PyTorch cannot be imported (ImportError: libcudart.so.12: cannot open "
                + "shared object file)\n", broke);
        String cpu = torchScript(tmp.resolve("cpu"));
        assertEquals("torch_mlp: skipped: PyTorch 2.99.0+cpu sees no CUDA GPU (torch.cuda.is_available() is False; "
                + "a CPU-only build)\n", cpu);
    }

    private static String torchScript(Path pythonPath) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", REPO.resolve("src/cuda/bench/torch_mlp.py").toString(),
                "--seconds", "1").redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", pythonPath.toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), text);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
