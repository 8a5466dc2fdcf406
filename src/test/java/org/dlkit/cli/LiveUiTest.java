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
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --ui}: DL4J's UI serves the overview page and its data, with the training scores in it. */
class LiveUiTest {

    @TempDir
    Path dir;

    @Test
    void uiServesTheOverviewAndTheScores() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try {
            // --ui-exit: the command returns after training; in this JVM the server keeps serving until stopped
            CliRun run = CliRun.of("train", "--data", "datasets/iris.csv", "--out", dir.resolve("m").toString(),
                    "--epochs", "20", "--ui", "--ui-port", String.valueOf(port), "--ui-exit");
            assertEquals(0, run.exitCode(), run.err());
            String base = "http://localhost:" + port;
            assertTrue(run.out().contains("training UI: " + base + "/train/overview"), run.out());

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

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
