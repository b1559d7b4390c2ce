package org.brickworks.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * A real SMTP and POP3 server for tests: GreenMail's standalone jar (a test dependency, copied to
 * {@code tests/target/greenmail}) in a JVM of its own, on free ports, with authentication off; mail is read back over
 * POP3 with Jakarta Mail.
 */
final class GreenMail implements AutoCloseable {
    private final Process server;
    private final int smtpPort;
    private final int pop3Port;

    GreenMail(Path log) throws IOException {
        Path jar = Path.of(System.getProperty("brickworks.root"), "tests/target/greenmail/greenmail-standalone.jar");
        int[] ports = new int[2];
        try (ServerSocket smtp = new ServerSocket(0); ServerSocket pop3 = new ServerSocket(0)) {
            ports[0] = smtp.getLocalPort();
            ports[1] = pop3.getLocalPort();
        }
        smtpPort = ports[0];
        pop3Port = ports[1];
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.pop3.hostname=127.0.0.1", "-Dgreenmail.pop3.port=" + pop3Port,
                "-Dgreenmail.auth.disabled", "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!listens(smtpPort) || !listens(pop3Port)) {
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                server.destroyForcibly();
                throw new IOException("GreenMail did not listen on " + smtpPort + " and " + pop3Port + ":\n"
                        + Files.readString(log));
            }
            try {
                Thread.sleep(100); // polling interval of a condition wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    /** The subjects of the messages {@code address} received so far. */
    List<String> subjects(String address) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.pop3.host", "127.0.0.1");
        properties.put("mail.pop3.port", Integer.toString(pop3Port));
        Store store = Session.getInstance(properties).getStore("pop3");
        store.connect(address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
