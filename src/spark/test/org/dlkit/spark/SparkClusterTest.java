package org.dlkit.spark;

import org.dlkit.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark standalone cluster on one machine: a master and two workers (one core each) on 127.0.0.1, started from
 * spark-core's own classes; the training is submitted with {@code SparkSubmit}, as {@code spark-submit} would; while
 * it trains, the worker running a task is killed (with its executor). Spark re-runs the lost task on the other worker,
 * the run finishes, and {@code dlkit evaluate} reads the saved model.
 */
class SparkClusterTest {

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopCluster() throws IOException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        // the cluster's logs, for a look after a failure
        Path logs = Files.createDirectories(Path.of("target", "spark-cluster-logs"));
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".log")
                    || f.getFileName().toString().equals("stderr"))::iterator) {
                Files.copy(f, logs.resolve(dir.relativize(f).toString().replace('/', '_')),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    // The limits here only guard against a hang: the submitted run took about 3 minutes on a 2-core build machine
    // while some 13 processes wanted its cores (measured 2026-11-30), against 6 minutes allowed before.
    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void standaloneClusterTrainsThroughAWorkerLossAndSavesAModel() throws Exception {
        List<String> classpath = classpath();
        // the libraries every node has installed; the dlkit classes travel in the application jar
        String libraries = classpath.stream().filter(e -> e.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        // every port 0: each server binds a free one itself and logs it (no port probed here that another process
        // could take before Spark binds it)
        Process masterProcess = start("master", classpath, sparkHome.getParent(), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
        String master = logged(masterProcess, "master", MASTER_URL).group(1);
        Process[] workers = new Process[2];
        for (int i = 0; i < 2; i++) {
            workers[i] = start("worker" + (i + 1), classpath, sparkHome.getParent(),
                    "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", "0",
                    "--work-dir", dir.resolve("work" + (i + 1)).toString());
        }

        // 2880 training rows = 2 workers x 32 rows x 45 batches: one averaging round per epoch, tasks of seconds
        Path data = SyntheticCsv.write(dir.resolve("blobs.csv"), 4000, 100, 4, 7);
        Path model = dir.resolve("model");
        Path appJar = AppJar.of(classpath, dir.resolve("dlkit-app.jar"));
        List<String> submit = new ArrayList<>(javaCommand(libraries + File.pathSeparator + appJar, portLogging()));
        submit.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
                "--class", "org.dlkit.cli.Main", "--conf", "spark.ui.port=0",
                "--conf", "spark.executor.extraClassPath=" + libraries, "--conf", "spark.executor.memory=1g",
                appJar.toString(),
                "train", "--spark", master, "--workers", "2", "--data", data.toString(), "--out", model.toString(),
                "--hidden", "1024,1024", "--epochs", "5", "--patience", "0", "--batch-size-per-worker", "32",
                "--averaging-frequency", "45", "--diagnostics-every", "0"));
        Path log = dir.resolve("submit.log");
        Process driver = start("submit", submit, sparkHome.getParent());

        int driverUi = Integer.parseInt(logged(driver, "submit", DRIVER_UI).group(1));
        String killed = killWorkerRunningATask(driverUi, workers, driver);
        assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "the submitted training finished");
        String output = Files.readString(log);
        assertEquals(0, driver.exitValue(), output);
        assertTrue(output.contains("Spark recovered"), "the lost " + killed + " is reported: " + output);
        for (String file : List.of("model.zip", "metadata.json", "history.csv", "report.html", "loss.png")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file + " saved");
        }
        assertEquals(6, Files.readAllLines(model.resolve("history.csv")).size(), "5 epochs in the history");
        assertTrue(Files.notExists(model.resolveSibling("model.partial")), "no partial run left");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "evaluate", "--model",
                model.toString(), "--data", data.toString());
        assertEquals(0, code, err.toString());
        Matcher accuracy = Pattern.compile("accuracy (\\d\\.\\d+)").matcher(out.toString());
        assertTrue(accuracy.find(), out.toString());
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.9, "accuracy on well-separated blobs: " + out);
    }

    /**
     * Waits, after the first epoch, for a running training job (the averaging round: DL4J's treeAggregate over the
     * workers' results), lets its tasks start, then kills the second worker and its executor.
     */
    private String killWorkerRunningATask(int driverUi, Process[] workers, Process driver) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = "http://127.0.0.1:" + driverUi + "/api/v1/applications";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String jobs = "";
        while (System.nanoTime() < deadline && driver.isAlive()) {
            if (!Files.readString(dir.resolve("submit.log")).contains("epoch 1/")) {
                Thread.sleep(100);
                continue;
            }
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(get(http, base).orElse(""));
            if (id.find()) {
                jobs = get(http, base + "/" + id.group(1) + "/jobs?status=running").orElse("");
                if (jobs.contains("treeAggregate")) {
                    Thread.sleep(1_500); // past the short repartition stage, into the workers' training tasks
                    Process worker = workers[1];
                    long executors = worker.descendants().count();
                    worker.descendants().forEach(ProcessHandle::destroyForcibly);
                    worker.destroyForcibly();
                    return "worker 2 (" + executors + " executor process)";
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no training job was seen running; last seen: " + jobs + "\n"
                + Files.readString(dir.resolve("submit.log")));
    }

    private static Optional<String> get(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Process start(String name, List<String> classpath, Path sparkHome, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand(String.join(File.pathSeparator, classpath), portLogging()));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(name, command, sparkHome);
    }

    /**
     * Starts {@code command} with its output in {@code name.log}: everything binds to 127.0.0.1; the workers' Spark
     * home has an empty jars/ folder (Spark's launcher needs one; the executors' class path comes from
     * spark.executor.extraClassPath and the application jar).
     */
    private Process start(String name, List<String> command, Path sparkHome) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /** java with the options Spark needs on Java 17, on this class path, logging as {@code logback} says. */
    private static List<String> javaCommand(String classpath, Path logback) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dlogback.configurationFile=" + logback, "-cp",
                classpath);
    }

    /** The master's address, and the port the driver's UI took, as Spark logs them (at INFO). */
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Pattern DRIVER_UI = Pattern.compile("Bound SparkUI to .*started at http://\\S+:(\\d+)");

    /**
     * dlkit's quiet logging (warnings only) plus the two INFO lines that say which ports the master and the driver's
     * UI took when given port 0.
     */
    private Path portLogging() throws IOException {
        Path file = dir.resolve("logback-ports.xml");
        if (Files.notExists(file)) {
            Files.writeString(file, """
                    <configuration>
                      <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="org.apache.spark.deploy.master.Master" level="INFO"/>
                      <logger name="org.apache.spark.ui.SparkUI" level="INFO"/>
                      <root level="WARN"><appender-ref ref="STDERR"/></root>
                    </configuration>
                    """);
        }
        return file;
    }

    /** Waits until {@code name.log} holds a line {@code pattern} finds; the limit only guards against a hang. */
    private Matcher logged(Process process, String name, Pattern pattern) throws Exception {
        Path log = dir.resolve(name + ".log");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.readString(log));
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not log '" + pattern + "': " + Files.readString(log));
    }

    /** The test JVM's class path (surefire passes it in a property when it uses a manifest-only jar). */
    private static List<String> classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    }
}
