package org.dlkit.cuda;

import org.dlkit.backend.BenchSettings;
import org.dlkit.engine.Device;
import org.dlkit.engine.Devices;
import org.dlkit.engine.EngineBench;
import org.dlkit.error.DlkitException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.Locale;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The GPU check of bin/cuda-check, run from its bundle without Maven: the CUDA tests of this package (gradients
 * against the CPU, DL4J and autodiff; the loss curve against the CPU), then the benchmark of the standard MLP
 * 784-512-256-10 in fp32 at each batch size given (default 128 and 1024). Exit 0 when every test passed and the
 * benchmark ran, 1 otherwise.
 *
 * <p>Usage: {@code java --enable-native-access=ALL-UNNAMED -cp 'lib/*' org.dlkit.cuda.DeviceCheck [seconds [batch...]]}
 */
public final class DeviceCheck {

    private DeviceCheck() {
    }

    static boolean onGpu(TestIdentifier test) {
        String id = test.getUniqueId();
        return id.contains(CudaGradientTest.class.getSimpleName())
                || id.contains(CudaTrainingTest.class.getSimpleName())
                || id.contains(CudaAutoTest.class.getSimpleName());
    }

    public static void main(String[] args) {
        double seconds;
        int[] batches;
        try {
            seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
            batches = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt)
                    .toArray() : new int[]{128, 1024};
            for (int batch : batches) {
                BenchSettings.check(batch, seconds, 0);
            }
        } catch (NumberFormatException | DlkitException e) {
            System.err.println("cuda-check: expected [SECONDS [BATCH...]], a positive time and positive batch "
                    + "sizes; got '" + String.join(" ", args) + "'");
            System.exit(2);
            return;
        }
        System.out.println("== Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        System.out.println("== GPU tests (JUnit)");
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        int[] gpuTests = new int[2]; // GPU tests passed, GPU tests (or their classes) not passed
        launcher.execute(request().selectors(selectClass(CudaLibrariesTest.class), selectClass(CudaGradientTest.class),
                        selectClass(CudaTrainingTest.class), selectClass(CudaAutoTest.class)).build(), summary,
                new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier test, String reason) {
                        System.out.println("SKIPPED " + test.getDisplayName() + ": " + reason);
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                        if (test.isTest() || !passed) {
                            System.out.println(result.getStatus() + " " + test.getDisplayName()
                                    + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""));
                        }
                        if (onGpu(test)) {
                            gpuTests[passed ? 0 : 1] += test.isTest() || !passed ? 1 : 0;
                        }
                    }
                });
        TestExecutionSummary s = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printTo(out);
        s.printFailuresTo(out, 20);
        // the no-driver test skips on a GPU machine by design; the GPU tests must all run and pass
        boolean ok = s.getTotalFailureCount() == 0 && gpuTests[0] > 0 && gpuTests[1] == 0;
        System.out.printf(Locale.ROOT, "GPU tests: %d passed, %d not passed%n", gpuTests[0], gpuTests[1]);
        System.out.println("== benchmark: dlkit's engine, MLP 784-512-256-10, fp32, Adam, synthetic data on the GPU");
        try (Device gpu = Devices.cuda(false)) {
            System.out.println("device " + gpu.description());
            for (int batch : batches) {
                EngineBench.Result r = EngineBench.measure(gpu, batch, seconds, Math.min(3, seconds / 2), 42);
                System.out.printf(Locale.ROOT,
                        "batch %5d: %8.0f examples/s (%d steps in %.1f s)%n", batch, r.examplesPerSecond(),
                        r.steps(), r.seconds());
            }
        } catch (DlkitException e) {
            System.out.println("benchmark not run: " + e.getMessage());
            ok = false;
        }
        System.out.println(ok ? "== cuda-check: PASSED" : "== cuda-check: FAILED (see above)");
        System.exit(ok ? 0 : 1);
    }
}
