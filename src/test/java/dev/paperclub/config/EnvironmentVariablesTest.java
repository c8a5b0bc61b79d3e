package dev.paperclub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Unknown PAPERCLUB_* variables are warned about with the variable most likely meant, as unknown keys are. */
final class EnvironmentVariablesTest {
    private static List<String> warningsLoading(Map<String, String> env) {
        Logger logger = (Logger) LoggerFactory.getLogger(Config.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            Config.load(null, env);
        } finally {
            logger.detachAppender(seen);
        }
        return seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aMisspeltVariableGetsADidYouMean() {
        List<String> warnings = warningsLoading(Map.of(
                "PAPERCLUB_DATA_DIRR",
                "/srv/x",
                "PAPERCLUB_HIGHLIGHT_COUNT",
                "5",
                "PAPERCLUB_VOTES_PER_MEMBER",
                "3",
                "PAPERCLUB_ZZZ",
                "1",
                "HOME",
                "/root"));
        assertEquals(
                List.of(
                        "Ignoring environment variable PAPERCLUB_DATA_DIRR: no configuration key is called that; did you mean PAPERCLUB_DATA_DIR (data.dir)?",
                        "Ignoring environment variable PAPERCLUB_HIGHLIGHT_COUNT: no configuration key is called that; did you mean PAPERCLUB_HIGHLIGHTS_COUNT (highlights.count)?",
                        "Ignoring environment variable PAPERCLUB_ZZZ: no configuration key is called that."),
                warnings);
    }

    @Test
    void theConsolesOwnVariableIsNotUnknown() {
        assertTrue(
                warningsLoading(Map.of("PAPERCLUB_CONSOLE_PLAIN", "1")).isEmpty(),
                "the console reads PAPERCLUB_CONSOLE_PLAIN");
    }
}
