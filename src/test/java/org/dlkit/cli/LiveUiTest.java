package org.dlkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.ui.api.UIServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --ui}: DL4J's UI serves the overview page and its data, with the training scores in it. */
class LiveUiTest {

    @TempDir
    Path dir;

    @Test
    void uiServesTheOverviewAndTheScores() throws Exception {
        try {
            // --ui-exit: the command returns after training; in this JVM the server keeps serving until stopped.
            // --ui-port 0: the UI takes a free port and prints it (no port picked here that another could take)
            CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", dir.resolve("m").toString(),
                    "--epochs", "20", "--ui", "--ui-port", "0", "--ui-exit");
            assertEquals(0, run.exitCode(), run.err());
            Matcher printed = Pattern.compile("training UI: (http://localhost:(\\d+))/train/overview "
                    + "\\(DL4J listens on all interfaces, port (\\d+)\\)").matcher(run.out());
            assertTrue(printed.find(), run.out());
            int port = Integer.parseInt(printed.group(2));
            assertTrue(port > 0, "the port chosen, not 0: " + run.out());
            assertEquals(port, Integer.parseInt(printed.group(3)), run.out());
            String base = printed.group(1);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> page = get(http, base + "/train/overview");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html") && page.body().toLowerCase().contains("score"), "overview page");

            // the UI routes the stats to its modules asynchronously: wait until more than one score has arrived (the
            // loop stopped at the first non-empty answer, which could hold one score, and gave up after 5 s);
            // the limit only guards against a hang
            JsonNode scores = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((scores == null || scores.size() < 2) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                scores = new ObjectMapper().readTree(get(http, base + "/train/overview/data").body()).path("scores");
            }
            assertTrue(scores != null && scores.isArray() && scores.size() > 1, "scores in the overview data: " + scores);
            for (JsonNode score : scores) {
                assertTrue(score.isNumber() && score.asDouble() > 0 && score.asDouble() < 5, "a cross-entropy: " + score);
            }
        } finally {
            UIServer.stopInstance();
        }
    }

    /** A port in use is one line naming --ui-port and what to do, before anything is trained or written. */
    @Test
    void aPortInUseIsOneLineNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) { // held open: the port stays in use throughout
            Path out = dir.resolve("m");
            CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", out.toString(), "--epochs", "2",
                    "--ui", "--ui-port", String.valueOf(taken.getLocalPort()), "--ui-exit");
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.errors().startsWith("dlkit: the training UI cannot listen on port " + taken.getLocalPort()
                    + " (Address already in use); choose another with --ui-port, or --ui-port 0 for any free port"),
                    run.err());
            assertFalse(Files.exists(out), "nothing written");
        } finally {
            UIServer.stopInstance();
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
