package org.brickworks.runtimes.internal;

import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtimes offered by the registered {@link RuntimeProvider}s, keyed by their {@value RuntimeProvider#KEY_PROPERTY}
 * property. A contributor that is invalid or claims a key or alias already taken is logged and ignored; the first valid
 * contributor of a key keeps it until it goes away.
 */
@Component
public class PluginRuntimeRegistry implements RuntimeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntimeRegistry.class);

    private final Map<String, Contribution> runtimes = new ConcurrentHashMap<>();

    /** A provider with the runtime it described when it came. */
    private record Contribution(RuntimeProvider provider, SparkRuntime runtime) {
        Stream<String> names() {
            return Stream.concat(Stream.of(runtime.key()), runtime.aliases().stream());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addProvider(RuntimeProvider provider, Map<String, Object> properties) {
        Object key = properties.get(RuntimeProvider.KEY_PROPERTY);
        try {
            Contribution contribution = new Contribution(provider, RuntimeValidation.check(key, provider.runtime()));
            Optional<String> taken = contribution.names().filter(name -> find(name).isPresent()).findFirst();
            if (taken.isPresent()) {
                LOG.warn("Ignoring runtime provider {} ({}): {} is already offered by another runtime", key,
                        provider.getClass().getName(), taken.get());
                return;
            }
            runtimes.put(contribution.runtime().key(), contribution);
            LOG.info("Runtime {} added: {}", key, contribution.runtime().name());
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring runtime provider {} ({}): {}", key, provider.getClass().getName(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Ignoring runtime provider {} ({}): it failed to describe its runtime", key,
                    provider.getClass().getName(), e);
        }
    }

    synchronized void removeProvider(RuntimeProvider provider, Map<String, Object> properties) {
        Object key = properties.get(RuntimeProvider.KEY_PROPERTY);
        Contribution current = key instanceof String k ? runtimes.get(k) : null;
        // only the provider that holds the key: an ignored duplicate going away removes nothing
        if (current != null && current.provider() == provider) {
            runtimes.remove(key);
            LOG.info("Runtime {} removed", key);
        }
    }

    @Override
    public List<SparkRuntime> list() {
        return runtimes.values().stream().map(Contribution::runtime).sorted(Comparator.comparing(SparkRuntime::key))
                .toList();
    }

    @Override
    public SparkRuntime get(String keyOrAlias) {
        return contribution(keyOrAlias).runtime();
    }

    @Override
    public URL agentJar(String keyOrAlias) {
        return contribution(keyOrAlias).provider().agentJar();
    }

    private Contribution contribution(String keyOrAlias) {
        return find(keyOrAlias).orElseThrow(() -> {
            List<String> known = list().stream().map(SparkRuntime::key).toList();
            return BrickworksException.invalidParameter("Unknown Spark version " + keyOrAlias + "; known versions: "
                    + (known.isEmpty() ? "none installed" : String.join(", ", known)));
        });
    }

    private Optional<Contribution> find(String keyOrAlias) {
        Contribution byKey = keyOrAlias == null ? null : runtimes.get(keyOrAlias);
        return byKey != null ? Optional.of(byKey)
                : runtimes.values().stream().filter(c -> c.runtime().aliases().contains(keyOrAlias)).findFirst();
    }
}
