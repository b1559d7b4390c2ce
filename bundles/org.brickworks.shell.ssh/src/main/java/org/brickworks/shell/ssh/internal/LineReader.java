package org.brickworks.shell.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal line editor for the SSH shell: reads bytes up to CR, LF or CR LF; backspace deletes a character, Ctrl-C
 * drops the line and prompts again, Ctrl-D on an empty line ends the input; cursor keys and other escape sequences are
 * ignored. With {@code echo} (the client asked for a PTY and shows nothing itself) typed characters are written back.
 * Input is UTF-8. Not thread-safe: one shell thread reads.
 */
final class LineReader {
    private static final int CTRL_C = 0x03;
    private static final int CTRL_D = 0x04;
    private static final int BACKSPACE = 0x08;
    private static final int ESC = 0x1b;
    private static final int DELETE = 0x7f;
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final PrintStream out;
    private final boolean echo;
    private byte[] line = new byte[256];
    private int length;
    private boolean skipLineFeed;

    LineReader(InputStream in, PrintStream out, boolean echo) {
        this.in = in;
        this.out = out;
        this.echo = echo;
    }

    /** @return the next line without its terminator, or {@code null} at the end of the input */
    String readLine(String prompt) throws IOException {
        prompt(prompt);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return length > 0 ? take() : null;
            }
            if (skipLineFeed && b == '\n') {
                skipLineFeed = false;
                continue;
            }
            skipLineFeed = b == '\r';
            if (b == '\r' || b == '\n') {
                echo("\n");
                return take();
            }
            if (b == CTRL_D && length == 0) {
                echo("\n");
                return null;
            }
            if (b == CTRL_C) {
                echo("^C\n");
                prompt(prompt);
            } else {
                edit(b);
            }
        }
    }

    private void edit(int b) throws IOException {
        if (b == BACKSPACE || b == DELETE) {
            deleteLastCharacter();
        } else if (b == ESC) {
            skipEscapeSequence();
        } else if (b == '\t') {
            append(' ');
        } else if (b >= 0x20) {
            append(b);
        }
        // other control characters mean nothing here
    }

    private void append(int b) {
        if (length == MAX_LINE_BYTES) {
            return; // a runaway paste must not exhaust memory
        }
        if (length == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE_BYTES));
        }
        line[length++] = (byte) b;
        if (echo) {
            out.write(b);
            out.flush();
        }
    }

    private void deleteLastCharacter() {
        if (length == 0) {
            return;
        }
        // A UTF-8 character is one lead byte followed by continuation bytes 10xxxxxx.
        do {
            length--;
        } while (length > 0 && (line[length] & 0xc0) == 0x80);
        echo("\b \b");
    }

    /** Swallows CSI ({@code ESC [ ... final}) and SS3 ({@code ESC O x}) sequences, or the one byte after ESC. */
    private void skipEscapeSequence() throws IOException {
        int b = in.read();
        if (b == 'O') {
            in.read();
        } else if (b == '[') {
            do {
                b = in.read();
            } while (b >= 0 && (b < 0x40 || b > 0x7e));
        }
    }

    private String take() {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return text;
    }

    private void prompt(String prompt) {
        length = 0;
        out.print(prompt);
        out.flush();
    }

    private void echo(String text) {
        if (echo) {
            out.print(text);
            out.flush();
        }
    }
}
