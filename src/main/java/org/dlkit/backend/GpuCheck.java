package org.dlkit.backend;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code bin/gpu-check}: can ND4J 1.0.0-M2.1 run on this machine's GPUs, and what would each dlkit build do here?
 * Needs neither ND4J nor its natives (only this package and Jackson), so it runs from a small JRE on a GPU machine
 * without Java.
 *
 * <p>Usage: {@code java -cp ... org.dlkit.backend.GpuCheck [--json]}. Exit code 0 when a {@code -Pcuda} build's
 * {@code --backend cuda} would run here, 1 when it would be refused.
 */
public final class GpuCheck {

    private GpuCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Probes this machine and prints the report; returns the exit code. */
    static int run(String[] args, PrintStream out) {
        return run(args, new HostProbe().read(), out);
    }

    /** Prints the report for {@code facts}; returns the exit code. */
    static int run(String[] args, HostFacts facts, PrintStream out) {
        boolean json = args.length == 1 && args[0].equals("--json");
        if (args.length > 1 || (args.length == 1 && !json)) {
            out.println("usage: GpuCheck [--json]");
            return 2;
        }
        Map<String, Object> report = report(facts);
        out.print(json ? Report.json(report) + "\n" : Report.text(report));
        out.flush();
        PreflightReport.Build redist = PreflightReport.Build.CUDA_REDIST;
        boolean cudaRuns = !Preflight.decide(BackendChoice.CUDA, facts.withBuild(redist.backends, redist.redist))
                .refused();
        return cudaRuns ? 0 : 1;
    }

    static Map<String, Object> report(HostFacts facts) {
        Map<String, Object> report = Report.section();
        report.put("question", "can ND4J 1.0.0-M2.1's CUDA build run here? (read without ND4J)");
        report.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        report.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
        report.put("machine", PreflightReport.machine(facts));
        report.put("whatDlkitWouldDo", PreflightReport.decisionsPerBuild(facts));
        return report;
    }
}
