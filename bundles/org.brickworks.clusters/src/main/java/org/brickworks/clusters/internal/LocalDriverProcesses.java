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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.DriverProcesses;
import org.brickworks.clusters.api.dto.AgentStart;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Driver agents as plain JVMs on this host, in their cluster's folder ({@link DriverFolder}): a fresh secret and the
 * platform's Spark conf in owner-only files, the folder's mark as the first JVM argument (adoption recognizes the
 * process by it), the output appended to the driver log. The agent's own arguments come from the {@link DriverAgent}.
 */
@Component(service = DriverProcesses.class)
public class LocalDriverProcesses implements DriverProcesses {
    static final String HOST = "127.0.0.1";

    private final SecureRandom random = new SecureRandom();
    private final Supplier<DriverAgent> agent;
    private final ServiceTracker<DriverAgent, DriverAgent> agents;

    @Activate
    public LocalDriverProcesses(BundleContext context) {
        this.agents = new ServiceTracker<>(context, DriverAgent.class, null);
        agents.open();
        this.agent = () -> Awaiting.await(agents, "driver agent (command execution)", Awaiting.DEFAULT_PATIENCE);
    }

    /** Without OSGi: {@code agent} gives the agent protocol. */
    LocalDriverProcesses(Supplier<DriverAgent> agent) {
        this.agents = null;
        this.agent = agent;
    }

    @Deactivate
    void deactivate() {
        agents.close();
    }

    @Override
    public LaunchedDriver start(DriverLaunch launch, Map<String, String> launcherConf) {
        try {
            Path folder = Files.createDirectories(launch.directory());
            Path secretFile = writeSecret(folder.resolve(DriverFolder.SECRET_FILE));
            // One owner-only file for the whole Spark conf: a cluster's spark_conf often holds storage keys, which
            // on the command line any local user could read with ps. The cluster's keys win, as --conf would.
            Map<String, String> sparkConf = new LinkedHashMap<>(launch.platformConf());
            sparkConf.putAll(launcherConf);
            sparkConf.putAll(launch.spec().sparkConf());
            Path confFile = writePrivate(folder.resolve(DriverFolder.PLATFORM_CONF_FILE), properties(sparkConf));
            Path readyFile = folder.resolve(DriverFolder.READY_FILE);
            Files.deleteIfExists(readyFile);
            List<String> arguments = agent.get().arguments(new AgentStart(secretFile, readyFile, confFile, HOST,
                    launch.platformUrl(), Map.of()));
            ProcessBuilder builder = new ProcessBuilder(command(launch, arguments)).directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve(DriverFolder.DRIVER_LOG).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(launch.spec().sparkEnvVars());
            builder.environment().put("SPARK_LOCAL_IP", HOST);
            return new LaunchedDriver(builder.start().pid(), HOST, readyFile, secretFile);
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR,
                    "Cannot start the driver of cluster " + launch.clusterId() + ": " + e.getMessage(), e);
        }
    }

    /** {@code java}, the folder's mark, the node type's heap, the runtime's options, the classpath, the agent's. */
    static List<String> command(DriverLaunch launch, List<String> agentArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(DriverFolder.marker(launch.directory()));
        command.add("-Xmx" + launch.nodeType().memoryMb() + "m");
        command.addAll(launch.runtime().driverJvmOptions());
        command.add("-cp");
        command.add(launch.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.addAll(agentArguments);
        return command;
    }

    /** A fresh secret per start. */
    private Path writeSecret(Path file) throws IOException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return writePrivate(file, HexFormat.of().formatHex(secret) + "\n");
    }

    /** The platform's Spark conf as a properties file. */
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
