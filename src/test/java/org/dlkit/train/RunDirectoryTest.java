package org.dlkit.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.io.TempDir;
import org.dlkit.error.DlkitException;
import org.dlkit.model.ModelDirectory;
import org.dlkit.model.RunLock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an interrupted run says: its newest checkpoint by epoch number, or that it has none yet. */
class RunDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void interruptedMessageNamesTheNewestCheckpointsEpoch() throws IOException {
        Path out = dir.resolve("model");
        RunDirectory run = RunDirectory.start(out, false, List.of("--epochs", "20"), dir);
        Path partial = dir.resolve("model.partial");
        assertEquals("interrupted: nothing was written to " + out + "; " + partial + " holds no checkpoint yet (a "
                + "resumed run starts again from epoch 1); continue with: dlkit train --resume " + out,
                run.interruptedMessage());

        for (String epoch : List.of("epoch-0009", "epoch-0010", "epoch-0002")) {
            Files.createDirectories(run.checkpoints().resolve(epoch));
        }
        assertEquals("interrupted: nothing was written to " + out + "; " + partial + " keeps the checkpoint of "
                + "epoch 10; continue with: dlkit train --resume " + out, run.interruptedMessage());

        run.finish();
        assertNull(run.interruptedMessage(), "a finished run has nothing to continue");
    }

    /**
     * The command a message suggests can be pasted into a shell as printed: a path with spaces (or a quote) was
     * printed bare, and {@code dlkit train --resume /home/me/my models/iris} resumed nothing.
     */
    @Test
    void theSuggestedResumeCommandQuotesAPathWithSpaces() throws IOException {
        Path out = Files.createDirectories(dir.resolve("my models")).resolve("ïris's run");
        RunDirectory run = RunDirectory.start(out, false, List.of(), dir);
        String quoted = "'" + dir + "/my models/ïris'\\''s run'";
        assertTrue(run.interruptedMessage().endsWith("; continue with: dlkit train --resume " + quoted),
                run.interruptedMessage());
        run.release();
        assertTrue(assertThrows(DlkitException.class, () -> RunDirectory.start(out, false, List.of(), dir))
                .getMessage().contains("continue it with --resume " + quoted + " or pass --force"));
        assertTrue(assertThrows(DlkitException.class, () -> ModelDirectory.load(out)).getMessage()
                .endsWith("continue it with dlkit train --resume " + quoted));
        Path plain = dir.resolve("ünï-1.partial");
        assertEquals(plain.toString(), ModelDirectory.shellWord(plain), "letters and digits stay bare");
    }

    /**
     * Ctrl-C: the shutdown hook names the newest checkpoint while the training thread goes on; a checkpoint that
     * thread writes afterwards would make the message untrue (seen: "epoch 38" with epoch-0040 on disk). After
     * {@link RunDirectory#stop} no checkpoint is added, so the message stays true.
     */
    @Test
    void aStoppedRunWritesNoFurtherCheckpoint() {
        Path out = dir.resolve("stopped");
        RunDirectory run = RunDirectory.start(out, false, List.of(), dir);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1))
                .list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build()).build());
        net.init();
        Checkpoints checkpoints = new Checkpoints(run.checkpoints(), 1, 3);
        net.setEpochCount(38);
        checkpoints.save(net, new History(), new EarlyStopping(0, 0));

        String message = run.stop();
        assertTrue(message.contains("keeps the checkpoint of epoch 38"), message);
        net.setEpochCount(40);
        checkpoints.save(net, new History(), new EarlyStopping(0, 0));

        assertEquals(List.of(run.checkpoints().resolve("epoch-0038")), checkpoints.list());
        assertEquals(message, run.interruptedMessage());
    }

    @Test
    void aResumeIsWarnedWhenTheInputChanged() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "a,label\n1,x\n2,y\n");
        Path images = Files.createDirectories(dir.resolve("images").resolve("cat"));
        Files.write(images.resolve("1.png"), new byte[]{1, 2, 3});
        RunDirectory run = RunDirectory.start(dir.resolve("model"), false, List.of(), dir);
        assertTrue(run.inputChange(csv).isEmpty(), "nothing recorded (a run from before input.json): no warning");
        run.recordInput(csv);
        assertTrue(run.inputChange(csv).isEmpty(), "unchanged");
        Files.writeString(csv, "3,x\n", StandardOpenOption.APPEND);
        String warning = run.inputChange(csv).orElseThrow();
        assertTrue(warning.startsWith(csv + " has changed since the run started (16 bytes, changed "), warning);
        assertTrue(warning.contains("20 bytes, changed") && warning.contains("--force"), warning);

        run.recordInput(images.getParent());
        assertTrue(run.inputChange(images.getParent()).isEmpty(), "unchanged folder");
        Files.write(images.resolve("2.png"), new byte[]{4});
        assertTrue(run.inputChange(images.getParent()).orElseThrow().contains("(1 files, 3 bytes, last changed "),
                "a new image changes the folder's count and bytes");
    }

    @Test
    void aRunOnStandardInputSaysTheResumeReadsItAgain() {
        RunDirectory run = RunDirectory.start(dir.resolve("model"), false, List.of(), dir);
        run.recordInput(Path.of("-"));
        assertEquals("the run read its rows from standard input, and the resumed run reads standard input again: "
                + "give it the same rows (dlkit cannot check that they are)", run.inputChange(Path.of("-"))
                .orElseThrow());
        assertTrue(run.interruptedMessage().endsWith("continue with: dlkit train --resume " + dir.resolve("model")
                + " < ROWS (the same rows on standard input)"), run.interruptedMessage());
    }

    /**
     * Two {@code train} runs into one {@code --out} at once (two CI jobs): the second was told that the first's
     * directory "holds an interrupted run; continue it with --resume", and following that, or passing --force,
     * would have resumed or deleted a run still training. A run in progress is now named as such and left alone.
     */
    @Test
    void aRunInProgressIsNeitherReplacedNorResumedNorTakenForAModel() {
        Path out = dir.resolve("busy");
        RunDirectory first = RunDirectory.start(out, false, List.of("--epochs", "9"), dir);
        String running = dir.resolve("busy.partial") + ": another dlkit train is training into " + out
                + " now (it holds run.lock); wait for it to end, or choose another --out";
        for (boolean force : new boolean[]{false, true}) {
            DlkitException e = assertThrows(DlkitException.class,
                    () -> RunDirectory.start(out, force, List.of(), dir));
            assertEquals(running, e.getMessage(), "force " + force);
        }
        assertEquals(running, assertThrows(DlkitException.class, () -> RunDirectory.resume(out)).getMessage());
        assertEquals(List.of("--epochs", "9"), first.arguments(), "the first run's state is untouched");
        assertEquals(out + ": no model yet; its training is still running (into busy.partial): wait for it to end",
                assertThrows(DlkitException.class, () -> ModelDirectory.load(out)).getMessage());

        first.release(); // the first process ends without finishing: an interrupted run
        assertTrue(assertThrows(DlkitException.class, () -> RunDirectory.start(out, false, List.of(), dir))
                .getMessage().contains("holds an interrupted run"));
        assertTrue(assertThrows(DlkitException.class, () -> ModelDirectory.load(out)).getMessage()
                .contains("its training was interrupted"));
        RunDirectory resumed = RunDirectory.resume(out);
        assertEquals(List.of("--epochs", "9"), resumed.arguments());
        resumed.release();
    }

    /** The same between processes: another JVM holds the run's lock, then ends (as a killed run does). */
    @Test
    void aRunLockedByAnotherProcessIsRefusedUntilThatProcessEnds() throws Exception {
        Path out = dir.resolve("other");
        RunDirectory.start(out, false, List.of(), dir).release();
        Path holder = Files.writeString(dir.resolve("Hold.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Hold {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            c.lock();
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, holder.toString(), dir.resolve("other.partial/run.lock").toString())
                .redirectErrorStream(true).start();
        try {
            assertEquals("locked", new BufferedReader(new InputStreamReader(other.getInputStream())).readLine());
            assertTrue(assertThrows(DlkitException.class, () -> RunDirectory.start(out, true, List.of(), dir))
                    .getMessage().contains("another dlkit train is training into " + out + " now"));
            assertTrue(assertThrows(DlkitException.class, () -> RunDirectory.resume(out)).getMessage()
                    .contains("another dlkit train is training into"));
        } finally {
            other.getOutputStream().close();
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
        }
        RunDirectory.start(out, true, List.of("--seed", "7"), dir).release();
        RunDirectory replaced = RunDirectory.resume(out);
        assertEquals(List.of("--seed", "7"), replaced.arguments(), "replaced once the other ended");
        replaced.release();
    }

    /**
     * Two {@code train --force} started at the same moment over an interrupted run (two CI jobs): both saw no run in
     * progress, and the second then deleted the first's fresh state, run.lock included, while the first trained. The
     * lock is now taken before anything is deleted: one run goes on with its state intact, the other is refused.
     */
    @Test
    void twoForcedStartsAtOnceLeaveOneRunWithItsStateIntact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 40; round++) {
                Path out = dir.resolve("race" + round);
                RunDirectory.start(out, false, List.of(), dir).release(); // an interrupted run to replace
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<RunDirectory>> starts = new ArrayList<>();
                for (String seed : new String[]{"1", "2"}) {
                    starts.add(pool.submit(() -> {
                        together.await();
                        return RunDirectory.start(out, true, List.of("--seed", seed), dir);
                    }));
                }
                List<RunDirectory> running = new ArrayList<>();
                for (Future<RunDirectory> start : starts) {
                    try {
                        running.add(start.get(30, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        assertTrue(e.getCause() instanceof DlkitException, "round " + round + ": " + e.getCause());
                        assertTrue(e.getCause().getMessage().contains("another dlkit train is training into"),
                                "round " + round + ": " + e.getCause().getMessage());
                    }
                }
                assertEquals(1, running.size(), "round " + round + ": exactly one of the two runs goes on");
                RunDirectory winner = running.get(0);
                assertTrue(Files.isRegularFile(winner.partial().resolve(RunDirectory.COMMAND)), "round " + round);
                assertTrue(RunLock.held(winner.partial()), "round " + round + ": its lock is still the one held");
                assertEquals(2, winner.arguments().size(), "round " + round);
                winner.release();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
