package org.brickworks.clusters.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.brickworks.clusters.api.ClusterLauncher;
import org.brickworks.clusters.api.DriverAgent;
import org.brickworks.clusters.api.DriverProcesses;
import org.brickworks.clusters.api.dto.AgentEndpoint;
import org.brickworks.clusters.api.dto.AgentStart;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.clusters.api.dto.DriverLaunch;
import org.brickworks.clusters.api.dto.ExecutorNode;
import org.brickworks.clusters.api.dto.LaunchedDriver;
import org.brickworks.clusters.api.dto.NodeType;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.ResolutionListener;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.libraries.api.dto.ResolvedClosure;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;

/**
 * What the clusters service's unit tests run against: real driver processes (a small JVM running
 * {@link FakeDriverMain} from a jar of its own, started by the real {@link LocalDriverProcesses}), and test doubles of
 * the runtime registry, the resolver and the agent protocol.
 */
final class TestDrivers {
    static final String RUNTIME_KEY = "15.4.x-scala2.12";
    static final SparkRuntime RUNTIME = new SparkRuntime(RUNTIME_KEY, "15.4 LTS", "3.5.7", "2.12", "3.3.2", List.of(),
            List.of("org.apache.spark:spark-sql_2.12:3.5.7"), List.of("-Xss1m"));

    private TestDrivers() {
    }

    /** One runtime; its "agent jar" holds {@link FakeDriverMain}. */
    static final class Runtimes implements RuntimeRegistry {
        private final URL agentJar;

        Runtimes(Path folder) throws IOException {
            this.agentJar = driverJar(folder.resolve("fake-agent.jar"));
        }

        @Override
        public List<SparkRuntime> list() {
            return List.of(RUNTIME);
        }

        @Override
        public SparkRuntime get(String keyOrAlias) {
            if (!RUNTIME_KEY.equals(keyOrAlias)) {
                throw BrickworksException.invalidParameter("Unknown spark_version " + keyOrAlias + "; use "
                        + RUNTIME_KEY);
            }
            return RUNTIME;
        }

        @Override
        public URL agentJar(String keyOrAlias) {
            return agentJar;
        }

        private static URL driverJar(Path jar) throws IOException {
            String entry = FakeDriverMain.class.getName().replace('.', '/') + ".class";
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                    InputStream in = FakeDriverMain.class.getClassLoader().getResourceAsStream(entry)) {
                out.putNextEntry(new JarEntry(entry));
                in.transferTo(out);
            }
            try {
                return jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The runtime's closure: nothing beyond the agent jar. */
    static final MavenResolver RESOLVER = new MavenResolver() {
        @Override
        public ResolvedClosure resolve(MavenRequest request, ResolutionListener listener) {
            return new ResolvedClosure(List.of());
        }
    };

    /** The agent protocol for {@link FakeDriverMain}: ready once its ready file exists; healthy unless told not. */
    static final class Agent implements DriverAgent, AgentSource {
        volatile boolean healthy = true;
        volatile boolean present = true;
        final List<AgentStart> starts = new CopyOnWriteArrayList<>();

        @Override
        public List<String> arguments(AgentStart start) {
            starts.add(start);
            List<String> arguments = new ArrayList<>(List.of(FakeDriverMain.class.getName(),
                    start.readyFile().toString()));
            start.sparkConf().forEach((key, value) -> arguments.add(key + "=" + value));
            return arguments;
        }

        @Override
        public Optional<AgentEndpoint> ready(Path readyFile) throws IOException {
            try {
                return Optional.of(new AgentEndpoint(Integer.parseInt(Files.readString(readyFile).strip()), 0));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean healthy(DriverChannel driver) {
            return healthy;
        }

        @Override
        public boolean shutDown(DriverChannel driver) {
            return false; // the runner then terminates the process, as it does when an agent ignores the request
        }

        @Override
        public List<ExecutorNode> executors(DriverChannel driver) {
            return List.of(new ExecutorNode("0", "127.0.0.1", 1, 1));
        }

        @Override
        public DriverAgent now() {
            return present ? this : null;
        }

        @Override
        public DriverAgent await(Duration patience) {
            return this;
        }

        @Override
        public void close() {
        }
    }

    /** A launcher of drivers on this host, on its own node types, remembering what it launched. */
    static final class Launcher implements ClusterLauncher {
        final List<DriverLaunch> launches = new CopyOnWriteArrayList<>();
        private final DriverProcesses processes;
        private final List<NodeType> nodeTypes;

        Launcher(DriverProcesses processes, NodeType... nodeTypes) {
            this.processes = processes;
            this.nodeTypes = List.of(nodeTypes);
        }

        @Override
        public List<NodeType> nodeTypes() {
            return nodeTypes;
        }

        @Override
        public LaunchedDriver launch(DriverLaunch launch) {
            launches.add(launch);
            return processes.start(launch, Map.of("spark.master", "local[" + launch.nodeType().numCores() + "]"));
        }
    }

    /** The clusters' configuration as Configuration Admin would hand it over. */
    record Config(int housekeepingSeconds, int terminatedRetentionDays, int serviceWaitSeconds)
            implements ClustersConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return ClustersConfig.class;
        }
    }
}
