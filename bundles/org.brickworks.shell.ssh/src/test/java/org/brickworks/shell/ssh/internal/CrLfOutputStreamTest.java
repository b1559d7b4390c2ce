package org.brickworks.shell.ssh.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class CrLfOutputStreamTest {
    private final ByteArrayOutputStream target = new ByteArrayOutputStream();
    private final CrLfOutputStream stream = new CrLfOutputStream(target);

    @Test
    void loneLineFeedsBecomeCrLfAndExistingCrLfStays() throws IOException {
        stream.write("a\nb\r\nc\n\n".getBytes(UTF_8));

        assertThat(target.toString(UTF_8)).isEqualTo("a\r\nb\r\nc\r\n\r\n");
    }

    @Test
    void crAtTheEndOfOneWriteCountsForTheNext() throws IOException {
        stream.write("a\r".getBytes(UTF_8));
        stream.write("\nb".getBytes(UTF_8));
        stream.write('\n');

        assertThat(target.toString(UTF_8)).isEqualTo("a\r\nb\r\n");
    }
}
