package org.brickworks.execution.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.brickworks.agent.protocol.Libraries;
import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.core.api.Awaiting;
import org.brickworks.execution.api.DriverLibraries;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/** {@link DriverLibraries} as the agent's cluster libraries request; not a user's activity on the cluster. */
@Component(service = DriverLibraries.class)
public class AgentDriverLibraries implements DriverLibraries {
    private final AgentClient agents = new AgentClient();
    private final ServiceTracker<DriverChannels, DriverChannels> tracker;
    private final Supplier<DriverChannels> channels;

    @Activate
    public AgentDriverLibraries(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, DriverChannels.class, null);
        tracker.open();
        this.channels = () -> Awaiting.await(tracker, "clusters");
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public void add(String clusterId, List<Path> jars, List<Path> pythonPaths) {
        agents.addLibraries(channels.get().running(clusterId),
                new Libraries(absolute(jars), absolute(pythonPaths)));
    }

    static List<String> absolute(List<Path> paths) {
        return paths.stream().map(path -> path.toAbsolutePath().toString()).toList();
    }
}
