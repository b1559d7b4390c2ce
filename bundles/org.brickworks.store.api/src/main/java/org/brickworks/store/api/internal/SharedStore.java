package org.brickworks.store.api.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.brickworks.core.api.Awaiting;
import org.brickworks.store.api.SqlWork;
import org.brickworks.store.api.Store;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The store every area references ({@link Store#SHARED}): it forwards each call to the store implementation of the
 * moment ({@link Store#PROVIDER}), so that updating the store bundle, or reconfiguring it, restarts none of the
 * areas. It is registered when the first implementation comes, which keeps the areas' start after the store's; while
 * an implementation is swapped, calls wait for the next one ({@link Awaiting}). Every schema migration an area asked
 * for is applied again to each new implementation (a no-op on the same database, the schemas on a new one).
 */
@Component(immediate = true, service = {})
public final class SharedStore implements Store {
    private final BundleContext context;
    private final ServiceTracker<Store, Store> providers;
    /** The migrations the areas asked for, by area, in the order they asked. */
    private final Map<String, List<String>> migrations = new ConcurrentHashMap<>();
    /** The implementation calls go to: the last one that came and is still there. */
    private volatile Store current;
    private ServiceRegistration<Store> registration;

    @Activate
    public SharedStore(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        this.providers = new ServiceTracker<>(context,
                FrameworkUtil.createFilter("(&(objectClass=" + Store.class.getName() + ")" + PROVIDER + ")"), null) {
            @Override
            public Store addingService(ServiceReference<Store> reference) {
                Store provider = super.addingService(reference);
                if (provider != null) {
                    migrations.forEach(provider::migrate);
                    // Before registering: the areas that start on the registration call it in this thread, before
                    // the tracker holds the provider.
                    current = provider;
                    register();
                }
                return provider;
            }

            @Override
            public void removedService(ServiceReference<Store> reference, Store provider) {
                if (current == provider) {
                    current = null;
                }
                super.removedService(reference, provider);
            }
        };
        providers.open();
    }

    private synchronized void register() {
        if (registration == null) {
            registration = context.registerService(Store.class, this,
                    FrameworkUtil.asDictionary(Map.of(ROLE_PROPERTY, "shared")));
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        providers.close();
    }

    private Store provider() {
        Store provider = current;
        return provider != null ? provider : Awaiting.await(providers, "store");
    }

    @Override
    public <T> T transaction(SqlWork<T> work) {
        return provider().transaction(work);
    }

    @Override
    public void migrate(String area, List<String> statements) {
        migrations.put(area, List.copyOf(statements));
        provider().migrate(area, statements);
    }

    @Override
    public String describe() {
        return provider().describe();
    }
}
