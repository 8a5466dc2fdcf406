package org.dlkit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dlkit's logging without a logback configuration of the application's: WARN on standard error unless
 * {@code dlkit.log.level} says otherwise; an application's own {@code logback.xml} wins, without logback's status lines
 * (which a {@code logback.xml} in dlkit's jar caused: "occurs multiple times on the classpath").
 */
class QuietLoggingTest {

    /** Root level and appender of a fresh logger context configured with {@code level} as the property's value. */
    private static Logger configured(String level) {
        LoggerContext context = new LoggerContext();
        QuietLogging configurator = new QuietLogging();
        configurator.setContext(context);
        configurator.configure(context, level);
        return context.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void warnOnStandardErrorByDefault() {
        Logger root = configured(null);
        assertEquals(Level.WARN, root.getLevel());
        ConsoleAppender<?> appender = assertInstanceOf(ConsoleAppender.class, root.getAppender(QuietLogging.APPENDER));
        assertTrue(appender.isStarted());
        assertEquals("System.err", appender.getTarget());
        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, appender.getEncoder());
        assertEquals(QuietLogging.PATTERN, encoder.getPattern());
        assertEquals(Level.WARN, configured(" ").getLevel());
    }

    @Test
    void theLevelPropertyIsHonoured() {
        assertEquals(Level.INFO, configured("INFO").getLevel());
        assertEquals(Level.DEBUG, configured("debug").getLevel());
        assertEquals(Level.OFF, configured("OFF").getLevel());
    }

    @Test
    void aValueThatIsNoLevelIsWarnAndSaysSo() {
        Logger root = configured("LOUD");
        assertEquals(Level.WARN, root.getLevel());
        List<Status> statuses = root.getLoggerContext().getStatusManager().getCopyOfStatusList();
        assertTrue(statuses.stream().anyMatch(s -> s.getLevel() == Status.WARN
                && s.getMessage().contains("dlkit.log.level=LOUD is no logback level")), statuses.toString());
    }

    @Test
    void withoutConfigurationLogbackUsesItAndReadsTheProperty() throws Exception {
        String quiet = run(List.of());
        assertTrue(quiet.contains("root: WARN\n") && quiet.contains("WARN  probe - a warning"), quiet);
        assertFalse(quiet.contains("an info line"), quiet);
        assertFalse(quiet.contains("|-"), "no logback status lines:\n" + quiet);
        String verbose = run(List.of("-D" + QuietLogging.LEVEL_PROPERTY + "=INFO"));
        assertTrue(verbose.contains("root: INFO\n") && verbose.contains("INFO  probe - an info line"), verbose);
    }

    @Test
    void theApplicationsLogbackXmlWinsSilently(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>app %level %logger %msg%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        // the application's classes first on the class path, as Maven and java -cp app.jar:libs put them
        String output = run(List.of("-cp", app + File.pathSeparator + System.getProperty("java.class.path")));
        assertTrue(output.contains("root: DEBUG\n") && output.contains("app INFO probe an info line"), output);
        assertFalse(output.contains("|-"), "no logback status lines:\n" + output);
        assertFalse(output.contains(QuietLogging.APPENDER), output);
    }

    /** A JVM on this class path (unless {@code options} set one) running {@link #main}: its output, both streams. */
    private static String run(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (!options.contains("-cp")) {
            command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        }
        command.addAll(options);
        command.add(QuietLoggingTest.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** The forked JVM: logs an INFO and a WARN line, then prints the root level and appenders logback set up. */
    public static void main(String[] args) {
        org.slf4j.Logger probe = LoggerFactory.getLogger("probe");
        probe.info("an info line");
        probe.warn("a warning");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        System.out.println("root: " + root.getLevel());
        root.iteratorForAppenders().forEachRemaining(a -> System.out.println("appender: " + a.getName()));
    }
}
