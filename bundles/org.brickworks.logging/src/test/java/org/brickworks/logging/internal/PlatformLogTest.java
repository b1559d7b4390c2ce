package org.brickworks.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;

/** The distribution's etc/logback.xml with this fragment's classes: a file, masked lines, java.util.logging in it. */
class PlatformLogTest {
    private static final Path CONFIGURATION = Path.of("../../product/src/main/dist/etc/logback.xml");

    @TempDir
    Path data;

    @Test
    void linesGoToTheDataFoldersLogMaskedAndJavaLoggingWithThem() throws Exception {
        System.setProperty("brickworks.data", data.toString());
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONFIGURATION.toFile());

        org.slf4j.Logger logger = LoggerFactory.getLogger("org.brickworks.test");
        logger.info("Mounting with fs.azure.account.key.a.blob.core.windows.net={}", "S3CRETKEY");
        logger.warn("Failed", new IllegalStateException("token=T0KENVALUE"));
        java.util.logging.Logger.getLogger("jul.test").warning("From JUL with password=HUNTER2");
        context.stop();

        String log = Files.readString(data.resolve("log/brickworks.log"));
        assertThat(log).doesNotContain("S3CRETKEY", "T0KENVALUE", "HUNTER2")
                .containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^\\]]+\\] "
                        + "org.brickworks.test - Mounting with fs.azure.account.key.a.blob.core.windows.net=\\*{4}\n")
                .contains("java.lang.IllegalStateException: token=****\n\tat ")
                .contains("WARN  [" + Thread.currentThread().getName() + "] jul.test - From JUL with password=****");
    }
}
