package org.brickworks.shell.internal;

import java.util.List;
import java.util.function.Function;

import org.apache.felix.service.command.CommandSession;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.TrackedServices;
import org.brickworks.permissions.api.ObjectRef;
import org.brickworks.permissions.api.PermissionService;
import org.brickworks.security.api.UserService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A component whose public {@code @Descriptor} methods are {@code bw:} commands, published as Gogo command services by
 * {@link GogoCommands} while the component is active. Its activate and deactivate methods are these (pde.bnd has
 * {@code -dsannotations-options: inherit} so that the components' descriptions name them).
 * <p>
 * The platform's services a command calls are not DS references of the group: those would restart the group (and
 * unpublish its commands) whenever the bundle providing one is updated. A command asks {@link #service} instead, which
 * tracks the service and, during such an update, waits for the new provider ({@link Awaiting}).
 */
abstract class CommandGroup {
    /** The Gogo session variable the SSH server sets to the signed-in Brickworks user. */
    static final String USER = "USER";
    private volatile TrackedServices services;
    private GogoCommands published;

    @Activate
    void publishCommands(BundleContext context) {
        services = new TrackedServices(context);
        published = GogoCommands.publish(context, this);
    }

    @Deactivate
    void unpublishCommands() {
        published.close();
        services.close();
    }

    /**
     * The current {@code type} service, waiting for one while its bundle is being swapped.
     *
     * @param what
     *            the service as users know it, for the error when none comes in time
     */
    protected <S> S service(Class<S> type, String what) {
        return services.await(type, what);
    }

    /** The session's user: SSH sessions carry the signed-in user; the platform's own console is its administrator's. */
    protected static String user(CommandSession session) {
        Object user = session.get(USER);
        return user instanceof String name && !name.isBlank() ? name : UserService.ADMIN;
    }

    /** Passes when the session's user holds at least {@code level} on the object, as the REST API checks it. */
    protected void require(CommandSession session, String type, String id, String level) {
        service(PermissionService.class, "permissions").require(user(session), new ObjectRef(type, id), level);
    }

    /** The objects of which the session's user holds at least {@code level}, as the REST API's lists show them. */
    protected <T> List<T> visible(CommandSession session, ObjectRef parent, List<T> objects,
            Function<T, ObjectRef> ref, Function<T, String> owner, String level) {
        return service(PermissionService.class, "permissions").visible(user(session), parent, objects, ref, owner,
                level);
    }
}
