package org.dlkit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;
import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    /** Run in a fresh JVM: prints the tuned setting, then what a thread that did not call tune() has. */
    public static void main(String[] args) throws InterruptedException {
        Backends.start(BackendChoice.CPU);
        System.out.println("tuned: " + Threads.current("").openMpThreads());
        Thread other = new Thread(() -> System.out.println("other: " + Threads.current("").openMpThreads()));
        other.start();
        other.join();
    }

    @Test
    void theEngineUsesEveryProcessorUnlessDlkitThreadsSaysOtherwise() {
        assertEquals(2, Threads.engineThreads(null, 2));
        assertEquals(16, Threads.engineThreads(" ", 16));
        assertEquals(1, Threads.engineThreads(null, 0));
        assertEquals(3, Threads.engineThreads(" 3 ", 2));
        for (String bad : List.of("0", "-1", "two", "1.5")) {
            DlkitException e = assertThrows(DlkitException.class, () -> Threads.engineThreads(bad, 2));
            assertEquals("DLKIT_THREADS=" + bad + " is invalid; expected a positive number of threads", e.getMessage());
        }
    }

    /** ND4J parses OMP_NUM_THREADS with Integer.parseInt as it starts: anything else is refused first, naming it. */
    @Test
    void anOmpNumThreadsNd4jCannotReadIsRefusedBeforeItStarts() {
        for (String good : new String[]{null, "", "1", "16"}) {
            Threads.checkOpenMpSetting(good);
        }
        for (String bad : List.of("abc", "0", "-2", " 4", "4,2", "1.5")) {
            DlkitException e = assertThrows(DlkitException.class, () -> Threads.checkOpenMpSetting(bad));
            assertEquals("OMP_NUM_THREADS=" + bad + " is invalid; ND4J expects one positive whole number of threads "
                    + "(e.g. OMP_NUM_THREADS=1), or leave it unset", e.getMessage());
        }
    }

    @Test
    void theBlasThreadCountIsSetAndReadBack() {
        Backends.start(BackendChoice.CPU);
        int before = Threads.blasThreads();
        try {
            Threads.setBlasThreads(2);
            assertEquals(2, Threads.blasThreads());
        } finally {
            Threads.setBlasThreads(before);
        }
        assertEquals(before, Threads.blasThreads());
    }

    @Test
    void theUsersOmpNumThreadsWins() {
        Backends.start(BackendChoice.CPU);
        Threads.Setting setting = Threads.tune(); // surefire sets OMP_NUM_THREADS=1
        assertEquals(1, setting.openMpThreads());
        assertTrue(setting.source().contains("set by the user"), setting.source());
    }

    @Test
    void withoutOmpNumThreadsTuneGivesTheCallingThreadOneOpenMpThread() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ThreadsTest.class.getName()));
        builder.environment().remove("OMP_NUM_THREADS");
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertTrue(output.contains("tuned: 1\n"), output);
        int nd4jDefault = Math.max(1, Loader.totalCores() / Math.max(1, Loader.totalChips())); // as NativeOpsHolder
        if (nd4jDefault > 1) { // OpenMP keeps the setting per thread: an untuned thread has ND4J's default
            assertTrue(output.contains("other: " + nd4jDefault + "\n"), output);
        }
    }
}
