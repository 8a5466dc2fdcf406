package org.dlkit.train;

import org.dlkit.cli.Main;
import org.dlkit.error.JvmShutdown;
import org.junit.jupiter.api.Assumptions;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main class of a child JVM in the tests of Ctrl-C and kill -9 during {@code train}: runs dlkit's command line
 * ({@link Main}) and, once the run's first checkpoint is complete, holds checkpoint saving
 * ({@link Checkpoints#holdingSaves}), so the training thread cannot get past its next checkpoint, and then
 * <ul>
 *   <li>{@code INT}: sends itself SIGINT, as Ctrl-C does, and lets the run go on once the JVM is stopping;</li>
 *   <li>{@code KILL}: prints {@link #HOLDING} and waits for the test to SIGKILL it ({@link #killWhenHolding}; a JVM
 *       cannot send itself SIGKILL).</li>
 * </ul>
 *
 * <p>A test that watched the directory from outside and then ran {@code kill} raced the remaining epochs (digits
 * trains an epoch in about 0.1 s: on a loaded machine the run could finish first), needed procps' {@code kill}, and
 * waited for the first checkpoint against a fixed deadline. Here the run stops at a checkpoint, whatever the speed.
 *
 * <p>Arguments: {@code INT|KILL CHECKPOINTS_DIRECTORY DLKIT_ARGUMENTS...}.
 */
public final class SignalAtFirstCheckpoint {

    /** What the child prints when it holds at its first checkpoint, waiting for SIGKILL. */
    static final String HOLDING = "SignalAtFirstCheckpoint: holding at a checkpoint";

    /** How long the JVM may take to start its shutdown after SIGINT before the signal is reported as lost. */
    private static final long SHUTDOWN_START_S = 60;

    private SignalAtFirstCheckpoint() {
    }

    public static void main(String[] args) {
        Signal signal = new Signal(args[0]);
        Checkpoints checkpoints = new Checkpoints(Path.of(args[1]), 1, 1); // only read here (latest)
        Thread watcher = new Thread(() -> signalAtFirstCheckpoint(signal, checkpoints), "signal-at-first-checkpoint");
        watcher.setDaemon(true);
        watcher.start();
        Main.main(Arrays.copyOfRange(args, 2, args.length));
    }

    private static void signalAtFirstCheckpoint(Signal signal, Checkpoints checkpoints) {
        while (checkpoints.latest().isEmpty()) { // a checkpoint directory appears complete: it is renamed into place
            sleep();
        }
        Checkpoints.holdingSaves(() -> {
            if (signal.getName().equals("KILL")) {
                System.out.println(HOLDING);
                System.out.flush();
                while (true) {
                    sleep();
                }
            }
            Signal.raise(signal);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_START_S);
            while (!JvmShutdown.inProgress() && System.nanoTime() < deadline) {
                sleep();
            }
            if (!JvmShutdown.inProgress()) {
                System.err.println("SignalAtFirstCheckpoint: SIG" + signal.getName() + " did not stop the JVM");
            }
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code child} (started with {@link #command} and {@code KILL}, its output in {@code log}) SIGKILL once it
     * holds at its first checkpoint, and waits for it to end; fails if it ends by itself or does not get there within
     * {@code limitMinutes} (a hang guard: it gets there after its first checkpoint however long that takes).
     */
    public static void killWhenHolding(Process child, Path log, int limitMinutes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(limitMinutes);
        while (child.isAlive() && !Files.readString(log).contains(HOLDING) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean holding = Files.readString(log).contains(HOLDING);
        child.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertTrue(holding, "the child did not hold at a checkpoint within " + limitMinutes + " minutes: "
                + Files.readString(log));
    }

    /**
     * The command of a child JVM ({@code java} with {@code jvm}: options and class path) that runs dlkit with
     * {@code args} and gets {@code signal} at the first checkpoint in {@code checkpoints}.
     *
     * <p>A process started in the background by a non-interactive shell ({@code .ci/run &}) ignores SIGINT, its
     * children inherit that, and a JVM that starts with SIGINT ignored never runs its shutdown hooks on Ctrl-C; so the
     * child then starts through {@code env --default-signal=INT} (coreutils 8.31 and newer), and the test is skipped
     * where that is not available.
     */
    public static List<String> command(String signal, Path checkpoints, List<String> jvm, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>();
        if (signal.equals("INT") && sigintIgnoredHere()) {
            Process probe = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            Assumptions.assumeTrue(probe.waitFor() == 0, "SIGINT is ignored in this process (started in the "
                    + "background by a non-interactive shell?) and this env cannot reset it for the child");
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true"));
        command.addAll(jvm);
        command.addAll(List.of(SignalAtFirstCheckpoint.class.getName(), signal, checkpoints.toString()));
        command.addAll(args);
        return command;
    }

    /** Whether this process ignores SIGINT (signal 2's bit in SigIgn, /proc/self/status; false if unreadable). */
    static boolean sigintIgnoredHere() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0)
                .orElse(false);
    }
}
