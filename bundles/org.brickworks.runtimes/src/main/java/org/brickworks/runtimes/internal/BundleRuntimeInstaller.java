package org.brickworks.runtimes.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.libraries.api.MavenResolver;
import org.brickworks.libraries.api.dto.MavenRequest;
import org.brickworks.runtimes.api.RuntimeInstaller;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.RuntimeUsage;
import org.brickworks.runtimes.api.dto.RuntimePlugin;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RuntimeInstaller} over the framework: a plugin is a bundle installed and started from a jar (a file, or a
 * Maven artifact resolved by the libraries service), accepted once the registry offers its runtimes; removal
 * uninstalls the bundle (and deletes its file from the hot-deploy folder). A bundle already installed under the same
 * symbolic name is refused rather than updated: an update would swap a runtime under running clusters, which is what
 * a removal refuses. A configuration change replaces the component.
 */
@Component(configurationPid = "org.brickworks.runtimes.installer")
@Designate(ocd = RuntimeInstallerConfig.class)
public class BundleRuntimeInstaller implements RuntimeInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(BundleRuntimeInstaller.class);

    private static final Duration RESOLVER_PATIENCE = Duration.ofSeconds(10);

    private final BundleContext context;
    private final PluginRuntimes runtimes;
    private final Duration registrationTimeout;
    private final Optional<HotDeployFolder> hotDeploy;
    /** Tracked, not referenced: resolving waits for the libraries bundle while it is being swapped. */
    private final ServiceTracker<MavenResolver, MavenResolver> resolver;
    private final List<RuntimeUsage> usages = new CopyOnWriteArrayList<>();

    @Activate
    public BundleRuntimeInstaller(BundleContext context, @Reference RuntimeRegistry registry,
            RuntimeInstallerConfig config) {
        this.context = context;
        this.runtimes = new PluginRuntimes(context, registry);
        this.resolver = new ServiceTracker<>(context, MavenResolver.class, null);
        resolver.open();
        this.registrationTimeout = Duration.ofSeconds(config.registrationTimeoutSeconds());
        String home = context.getProperty("brickworks.home");
        this.hotDeploy = !config.hotDeployFolder().isBlank()
                ? Optional.of(new HotDeployFolder(Path.of(config.hotDeployFolder())))
                : Optional.ofNullable(home).map(h -> new HotDeployFolder(Path.of(h, "plugins")));
    }

    @Deactivate
    void deactivate() {
        resolver.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUsage(RuntimeUsage usage) {
        usages.add(usage);
    }

    void removeUsage(RuntimeUsage usage) {
        usages.remove(usage);
    }

    @Override
    public synchronized RuntimePlugin install(String source) {
        PluginSource from = PluginSource.parse(source);
        Path jar = from.file() != null ? from.file() : resolve(from.coordinates());
        PluginJar plugin = PluginJar.read(jar, from.toString());
        refuseInstalled(plugin, from.location());
        Bundle bundle = installBundle(from, jar);
        try (RegistrationWait wait = new RegistrationWait(context, bundle, runtimes, registrationTimeout)) {
            bundle.start();
            List<String> keys = wait.offeredKeys();
            LOG.info("Runtime plugin {} {} installed from {}: {}", plugin.symbolicName(), plugin.version(), from, keys);
            return new RuntimePlugin(plugin.symbolicName(), plugin.version(), keys);
        } catch (BundleException | RuntimeException e) {
            uninstall(bundle);
            if (e instanceof BrickworksException refusal) {
                throw refusal;
            }
            throw BrickworksException.invalidParameter(plugin.symbolicName() + " from " + from
                    + " does not start: " + oneLine(e.getMessage()));
        }
    }

    @Override
    public synchronized RuntimePlugin remove(String keyOrAlias) {
        Bundle bundle = runtimes.bundleOffering(keyOrAlias);
        List<SparkRuntime> offered = runtimes.offeredBy(bundle);
        RuntimeUsers.refuseWhileUsed(bundle.getSymbolicName(), offered, usages);
        Optional<Path> file = hotDeploy.flatMap(folder -> folder.fileOf(bundle.getLocation()));
        file.ifPresent(BundleRuntimeInstaller::delete);
        RuntimePlugin removed = new RuntimePlugin(bundle.getSymbolicName(), bundle.getVersion().toString(),
                offered.stream().map(SparkRuntime::key).sorted().toList());
        uninstall(bundle);
        LOG.info("Runtime plugin {} {} removed{}: {}", removed.symbolicName(), removed.version(),
                file.map(f -> " with " + f).orElse(""), removed.runtimeKeys());
        return removed;
    }

    private Path resolve(String coordinates) {
        // The artifact alone: a plugin bundle carries what it needs, and its runtime's closure is resolved per cluster.
        MavenResolver current = Awaiting.await(resolver, "Maven resolver", RESOLVER_PATIENCE);
        return current.resolve(new MavenRequest(List.of(coordinates), List.of("*:*"), List.of())).files()
                .get(0);
    }

    private void refuseInstalled(PluginJar plugin, String location) {
        for (Bundle bundle : context.getBundles()) {
            if (plugin.symbolicName().equals(bundle.getSymbolicName()) || location.equals(bundle.getLocation())) {
                throw new BrickworksException(ErrorCode.RESOURCE_ALREADY_EXISTS,
                        bundle.getSymbolicName() + " " + bundle.getVersion() + " is already installed (bundle "
                                + bundle.getBundleId() + "); remove it first with bw:runtime-remove");
            }
        }
    }

    private Bundle installBundle(PluginSource from, Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle(from.location(), in);
        } catch (IOException | BundleException e) {
            throw BrickworksException.invalidParameter("Cannot install " + from + ": " + oneLine(e.getMessage()));
        }
    }

    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR,
                    "Cannot uninstall " + bundle.getSymbolicName() + ": " + e.getMessage(), e);
        }
        // Frees the old class loader now rather than at the next refresh; nothing imports from a runtime plugin.
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle));
    }

    /** The framework's resolution errors span lines; the shell shows one. */
    static String oneLine(String message) {
        return message == null ? "" : String.join("; ", message.lines().map(String::trim).filter(l -> !l.isEmpty())
                .toList());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new BrickworksException(ErrorCode.INTERNAL_ERROR, "Cannot delete " + file
                    + ", so the hot-deploy folder would install the plugin again: " + e.getMessage(), e);
        }
    }
}
