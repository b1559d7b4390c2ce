package org.brickworks.runtimes.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.brickworks.runtimes.api.RuntimeProvider;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.runtimes.api.dto.SparkRuntime;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Which bundle offers which runtime. The registry knows runtimes, the framework knows bundles and their
 * {@link RuntimeProvider} services; a provider is the one the registry holds when both name the same agent jar (an
 * entry of one bundle, so unique to it).
 */
final class PluginRuntimes {
    private final BundleContext context;
    private final RuntimeRegistry registry;

    /** What became of one provider a bundle registered. */
    enum State {
        /** The registry offers its runtime. */
        OFFERED,
        /** The registry will not offer it: invalid, or its key or an alias is taken. */
        REFUSED,
        /** Not (yet) in the registry, for no reason visible here. */
        PENDING
    }

    record Verdict(String key, State state, SparkRuntime runtime, String reason) {
    }

    PluginRuntimes(BundleContext context, RuntimeRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    /**
     * The bundle whose provider the registry holds for {@code keyOrAlias}.
     *
     * @throws BrickworksException
     *             {@code INVALID_PARAMETER_VALUE} as {@link RuntimeRegistry#get(String)}
     */
    Bundle bundleOffering(String keyOrAlias) {
        SparkRuntime runtime = registry.get(keyOrAlias);
        String agentJar = registry.agentJar(runtime.key()).toExternalForm();
        for (ServiceReference<RuntimeProvider> reference : providers("(" + RuntimeProvider.KEY_PROPERTY + "="
                + runtime.key() + ")")) {
            if (agentJar.equals(agentJarOf(reference))) {
                return reference.getBundle();
            }
        }
        throw new BrickworksException(ErrorCode.RESOURCE_DOES_NOT_EXIST,
                "Runtime " + runtime.key() + " went away while looking for its plugin");
    }

    /** The runtimes the registry offers from {@code bundle}'s providers. */
    List<SparkRuntime> offeredBy(Bundle bundle) {
        return verdicts(bundle).stream().filter(v -> v.state() == State.OFFERED).map(Verdict::runtime).toList();
    }

    /** What became of each provider {@code bundle} registered; empty when it registered none. */
    List<Verdict> verdicts(Bundle bundle) {
        List<Verdict> verdicts = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        for (ServiceReference<?> reference : registered == null ? new ServiceReference<?>[0] : registered) {
            if (Stream.of((String[]) reference.getProperty(Constants.OBJECTCLASS))
                    .anyMatch(RuntimeProvider.class.getName()::equals)) {
                @SuppressWarnings("unchecked")
                ServiceReference<RuntimeProvider> provider = (ServiceReference<RuntimeProvider>) reference;
                verdicts.add(verdict(provider));
            }
        }
        return verdicts;
    }

    private Verdict verdict(ServiceReference<RuntimeProvider> reference) {
        Object key = reference.getProperty(RuntimeProvider.KEY_PROPERTY);
        String name = String.valueOf(key);
        RuntimeProvider provider = context.getService(reference);
        if (provider == null) {
            return new Verdict(name, State.REFUSED, null, "its runtime provider " + name + " failed to start");
        }
        try {
            SparkRuntime runtime = RuntimeValidation.check(key, provider.runtime());
            String agentJar = provider.agentJar().toExternalForm();
            for (String taken : Stream.concat(Stream.of(runtime.key()), runtime.aliases().stream()).toList()) {
                String holder = agentJarOffering(taken);
                if (holder != null && !holder.equals(agentJar)) {
                    return new Verdict(name, State.REFUSED, runtime, taken + " is already offered by " + holder(taken));
                }
            }
            return new Verdict(name, agentJar.equals(agentJarOffering(runtime.key())) ? State.OFFERED : State.PENDING,
                    runtime, null);
        } catch (IllegalArgumentException e) {
            return new Verdict(name, State.REFUSED, null, "runtime " + name + " is invalid: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Verdict(name, State.REFUSED, null, "runtime provider " + name + " failed: " + e);
        } finally {
            context.ungetService(reference);
        }
    }

    private String holder(String keyOrAlias) {
        try {
            return bundleOffering(keyOrAlias).getSymbolicName();
        } catch (BrickworksException e) {
            return "another plugin";
        }
    }

    /** The agent jar of the provider the registry holds for {@code keyOrAlias}, or {@code null}. */
    private String agentJarOffering(String keyOrAlias) {
        try {
            URL jar = registry.agentJar(keyOrAlias);
            return jar == null ? null : jar.toExternalForm();
        } catch (BrickworksException e) {
            return null; // not offered
        }
    }

    private String agentJarOf(ServiceReference<RuntimeProvider> reference) {
        RuntimeProvider provider = context.getService(reference);
        try {
            return provider == null || provider.agentJar() == null ? null : provider.agentJar().toExternalForm();
        } finally {
            context.ungetService(reference);
        }
    }

    private List<ServiceReference<RuntimeProvider>> providers(String filter) {
        try {
            return List.copyOf(context.getServiceReferences(RuntimeProvider.class, filter));
        } catch (InvalidSyntaxException e) {
            throw BrickworksException.invalidParameter("Not a runtime key: " + e.getFilter());
        }
    }
}
