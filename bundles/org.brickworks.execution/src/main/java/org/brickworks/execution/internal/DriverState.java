package org.brickworks.execution.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.brickworks.agent.protocol.AgentLaunch;
import org.brickworks.agent.protocol.LanguageJars;
import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;
import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.execution.api.dto.DriverMount;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every driver gets of the platform's state: the DBFS root and mount table, and the jars of the plugin cell
 * languages. A change goes to every running driver at once (side by side, each given up on after a few seconds: it
 * gets the state at its next start); a new driver gets the latest before its cluster turns RUNNING. The mount table's
 * version is the time of the change, so a driver never takes an older table for a newer one, also across an update
 * of this bundle.
 */
@Component(service = DriverState.class)
public class DriverState {
    private static final Logger LOG = LoggerFactory.getLogger(DriverState.class);

    private record Dbfs(Path root, MountTable table) {
    }

    private final AgentClient agents = new AgentClient();
    private final Supplier<DriverChannels> channels;
    private final ServiceTracker<DriverChannels, ServiceReference<DriverChannels>> tracker;
    private final ExecutorService pushes = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "brickworks-driver-state");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Dbfs dbfs = new Dbfs(null, new MountTable(0, List.of()));
    private volatile LanguageJars languages = new LanguageJars(List.of());

    /**
     * Tracks the clusters' {@link DriverChannels} by reference and takes the service at its first use: taking it while
     * the tracker opens would activate it, and with it the cluster service, whose driver initializers need this
     * component; when that activation is already under way on this thread, SCR refuses the cycle and a tracker taking
     * the service would never see it.
     */
    @Activate
    public DriverState(BundleContext context) {
        ChannelsByReference taken = new ChannelsByReference(context);
        this.tracker = new ServiceTracker<>(context, DriverChannels.class, taken);
        tracker.open();
        this.channels = () -> {
            ServiceReference<DriverChannels> reference = tracker.getService();
            return reference == null ? null : taken.take(reference);
        };
    }

    /** Without OSGi: {@code channels} gives the running drivers (null: none now). */
    DriverState(Supplier<DriverChannels> channels) {
        this.tracker = null;
        this.channels = channels;
    }

    @Deactivate
    void deactivate() {
        pushes.shutdownNow();
        if (tracker != null) {
            tracker.close();
        }
    }

    /** Replaces the DBFS of every driver by {@code root} and {@code mounts}. */
    void publishMounts(Path root, List<DriverMount> mounts) {
        MountTable table;
        synchronized (this) {
            long version = Math.max(dbfs.table().version() + 1, System.currentTimeMillis());
            table = new MountTable(version, mounts.stream()
                    .map(m -> new Mount(m.source(), m.mountPoint(), m.extraConfigs())).toList());
            dbfs = new Dbfs(root.toAbsolutePath(), table);
        }
        LOG.info("DBFS mount table {} ({} mounts) goes to the running drivers", table.version(), mounts.size());
        toEveryDriver(driver -> agents.putMounts(driver, table));
    }

    /** Replaces the plugin languages' jars of every driver by {@code jars}, when they changed. */
    void publishLanguages(List<Path> jars) {
        LanguageJars changed = new LanguageJars(jars.stream().map(jar -> jar.toAbsolutePath().toString()).toList());
        synchronized (this) {
            if (changed.equals(languages)) {
                return;
            }
            languages = changed;
        }
        toEveryDriver(driver -> agents.putLanguages(driver, changed));
    }

    /**
     * Gives a new driver the latest state, again when a change came meanwhile (a broadcast skips a driver that is not
     * RUNNING yet).
     *
     * @throws RuntimeException
     *             when the driver refuses or does not answer
     */
    void initialize(DriverChannel driver) {
        MountTable sent;
        do {
            sent = dbfs.table();
            agents.putMounts(driver, sent);
        } while (sent != dbfs.table());
        LanguageJars jars;
        do {
            jars = languages;
            agents.putLanguages(driver, jars);
        } while (jars != languages);
    }

    /** A new driver's Spark conf: the DBFS root. */
    Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        Path root = dbfs.root();
        if (root != null) {
            conf.put(AgentLaunch.DBFS_ROOT_CONF, root.toString());
        }
        return conf;
    }

    /**
     * Pushes to every running driver. Without the clusters service now (a platform start, an update of the clusters
     * bundle) there is none to push to: drivers get the state when they start.
     */
    private void toEveryDriver(Consumer<DriverChannel> push) {
        DriverChannels running = channels.get();
        if (running == null) {
            LOG.debug("No clusters service now: no driver to push to");
            return;
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (DriverChannel driver : running.runningDrivers()) {
            all.add(CompletableFuture.runAsync(() -> push.accept(driver), pushes).exceptionally(e -> {
                LOG.warn("The driver of cluster {} did not take the change; it gets it at its next start: {}",
                        driver.clusterId(), e.getMessage());
                return null;
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** The tracked service's reference; the service itself taken at its first use and released when it goes. */
    private static final class ChannelsByReference
            implements ServiceTrackerCustomizer<DriverChannels, ServiceReference<DriverChannels>> {
        private final BundleContext context;
        private ServiceReference<DriverChannels> reference;
        private DriverChannels service;

        ChannelsByReference(BundleContext context) {
            this.context = context;
        }

        synchronized DriverChannels take(ServiceReference<DriverChannels> current) {
            if (!current.equals(reference)) {
                DriverChannels taken = context.getService(current);
                if (taken == null) {
                    return null; // not activatable now: taken at a later use
                }
                release();
                reference = current;
                service = taken;
            }
            return service;
        }

        @Override
        public ServiceReference<DriverChannels> addingService(ServiceReference<DriverChannels> added) {
            return added;
        }

        @Override
        public void modifiedService(ServiceReference<DriverChannels> modified,
                ServiceReference<DriverChannels> tracked) {
        }

        @Override
        public synchronized void removedService(ServiceReference<DriverChannels> removed,
                ServiceReference<DriverChannels> tracked) {
            if (removed.equals(reference)) {
                release();
            }
        }

        private void release() {
            if (reference != null) {
                context.ungetService(reference);
                reference = null;
                service = null;
            }
        }
    }
}
