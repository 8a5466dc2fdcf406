package org.dlkit.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Locale;

/**
 * dlkit's logging when the application has no logback configuration of its own: warnings and errors on standard
 * error, so that users see dlkit's own output, not ND4J's and DL4J's INFO lines at every start.
 * <p>
 * A library must not ship a {@code logback.xml} (an application's own would then occur twice on the class path, and
 * logback prints a dozen status lines about it at every start). Logback 1.2.13 looks for, in order:
 * {@code -Dlogback.configurationFile}, {@code logback-test.xml}, {@code logback.xml} (no {@code logback.groovy} since
 * 1.2.9); only when there is none, for a {@link Configurator} registered in {@code META-INF/services} (this one), and
 * only without one it uses its {@code BasicConfigurator} (DEBUG on the console). So whatever configuration the
 * application has wins, silently.
 * <p>
 * The root level is the system property {@value #LEVEL_PROPERTY} (bin/dlkit's {@code --verbose} sets INFO), WARN when
 * it is not set; a value that is no level is WARN too, said in a logback status warning.
 */
public final class QuietLogging extends ContextAwareBase implements Configurator {

    /** The system property that sets the root logger's level. */
    public static final String LEVEL_PROPERTY = "dlkit.log.level";
    /** Time, level, logger, message: what dlkit's logback.xml wrote. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";
    static final String APPENDER = "STDERR";

    /** Logback calls this through {@link java.util.ServiceLoader}, which needs a public no-argument constructor. */
    public QuietLogging() {
    }

    @Override
    public void configure(LoggerContext context) {
        configure(context, System.getProperty(LEVEL_PROPERTY));
    }

    /** Standard error at the level {@code levelName} (WARN when null or no level) for {@code context}'s root. */
    void configure(LoggerContext context, String levelName) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(levelName));
        root.addAppender(appender);
    }

    private Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.WARN;
        }
        Level level = Level.toLevel(name.strip(), null);
        if (level == null) {
            addWarn(String.format(Locale.ROOT, "%s=%s is no logback level (TRACE, DEBUG, INFO, WARN, ERROR, OFF, ALL); "
                    + "logging at WARN", LEVEL_PROPERTY, name));
            return Level.WARN;
        }
        return level;
    }
}
