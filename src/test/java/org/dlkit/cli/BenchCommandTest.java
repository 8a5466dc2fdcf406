package org.dlkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void printsBackendThreadsAndExamplesPerSecond() {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--batch", "32", "--seconds", "0.5",
                "--warmup", "0.2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("backend      backend cpu (cpu: asked for)"), run.out());
        assertTrue(run.out().contains("threads      OpenMP threads 1"), run.out());
        Matcher rate = Pattern.compile("examples/s   (\\d+)").matcher(run.out());
        assertTrue(rate.find(), run.out());
        assertTrue(Long.parseLong(rate.group(1)) > 0);
    }

    @Test
    void aBadBatchIsAUserError() {
        Run run = Run.of(new BenchCommand(), "--backend", "cpu", "--batch", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("--batch: "), run.err());
    }
}
