package org.brickworks.clusters.internal;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.osgi.service.component.annotations.Component;

/**
 * Runs a cluster's driver as a plain JVM on this host with Spark {@code local[N]}, sized by the cluster's node type:
 * its heap is the driver's {@code -Xmx}, and N is its cores times the number of workers (one node for a single-node
 * cluster). The driver's output goes to {@code driver.log} in the cluster's folder.
 */
@Component(property = ClusterLauncher.TYPE_PROPERTY + "=local")
public class LocalClusterLauncher implements ClusterLauncher {
    private static final String HOST = "127.0.0.1";
    private static final String MAIN_CLASS = "org.brickworks.agent.DriverAgent";
    /** The driver's output, in the cluster's folder. */
    static final String DRIVER_LOG = "driver.log";
    /** The agent's secret and ready file, in the cluster's folder. */
    static final String SECRET_FILE = "secret";
    static final String PLATFORM_CONF_FILE = "platform.conf";
    static final String READY_FILE = "ready.json";

    private final SecureRandom random = new SecureRandom();

    @Override
    public LaunchedDriver launch(DriverLaunch launch) {
        try {
            Path folder = Files.createDirectories(launch.directory());
            Path secretFile = writeSecret(folder.resolve(SECRET_FILE));
            Path confFile = writePrivate(folder.resolve(PLATFORM_CONF_FILE), properties(launch.platformConf()));
            Path readyFile = folder.resolve(READY_FILE);
            Files.deleteIfExists(readyFile);
            ProcessBuilder builder = new ProcessBuilder(command(launch, secretFile, readyFile, confFile))
                    .directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve(DRIVER_LOG).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(launch.spec().sparkEnvVars());
            builder.environment().put("SPARK_LOCAL_IP", HOST);
            return new LaunchedDriver(builder.start().pid(), HOST, readyFile, secretFile);
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR,
                    "Cannot start the driver of cluster " + launch.clusterId() + ": " + e.getMessage(), e);
        }
    }

    static List<String> command(DriverLaunch launch, Path secretFile, Path readyFile, Path confFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(folderMarker(launch.directory()));
        command.add("-Xmx" + launch.nodeType().memoryMb() + "m");
        command.addAll(launch.runtime().driverJvmOptions());
        command.add("-cp");
        command.add(launch.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.addAll(List.of(MAIN_CLASS, "--secret-file", secretFile.toString(), "--ready-file",
                readyFile.toString(), "--conf-file", confFile.toString(), "--host", HOST, "--port", "0",
                "--connect-port", "0"));
        if (launch.connectAuthUrl() != null) {
            command.addAll(List.of("--auth-url", launch.connectAuthUrl()));
        }
        command.addAll(List.of("--conf", "spark.master=" + master(launch)));
        launch.spec().sparkConf().forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
        return command;
    }

    /**
     * The first argument of every driver names its cluster's folder: the kernel shows only a command line's first
     * 4 KB to other processes, and the platform recognizes a driver left behind by this argument.
     */
    static String folderMarker(Path clusterFolder) {
        return "-Dbrickworks.cluster.dir=" + clusterFolder;
    }

    private static String master(DriverLaunch launch) {
        return "local[" + launch.nodeType().numCores() * Math.max(1, launch.spec().maxWorkers()) + "]";
    }

    /** A fresh secret per start. */
    private Path writeSecret(Path file) throws IOException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return writePrivate(file, HexFormat.of().formatHex(secret) + "\n");
    }

    /** The platform's Spark conf as a properties file (the agent's {@code --conf-file}). */
    static String properties(Map<String, String> conf) throws IOException {
        Properties properties = new Properties();
        properties.putAll(conf);
        StringWriter text = new StringWriter();
        properties.store(text, "Spark conf from the platform's driver configurers; may hold secrets");
        return text.toString();
    }

    /** Writes a file readable by the platform's user only, from its first byte on disk. */
    private static Path writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
        return file;
    }
}
