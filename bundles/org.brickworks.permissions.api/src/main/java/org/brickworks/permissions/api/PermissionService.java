package org.brickworks.permissions.api;

import java.util.List;
import java.util.function.Function;

import org.brickworks.permissions.api.dto.AccessControlRequest;
import org.brickworks.permissions.api.dto.ObjectPermissions;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Access control lists of objects and the checks every area makes with them, Databricks' Permissions API semantics.
 * <p>
 * A user's level on an object is the highest of: its own and its groups' entries on the object; the entries of the
 * object's parents (inherited down the workspace tree); the type's owner level when it owns the object. Members of
 * {@code admins} hold every level on every object (shown as {@code CAN_MANAGE} inherited from the type's root).
 * Objects are named by {@link ObjectRef}; their types are the registered {@link SecurableType}s. Thread-safe.
 *
 * @throws org.brickworks.core.api.BrickworksException
 *             from every method: {@code RESOURCE_DOES_NOT_EXIST} for an unknown type or object,
 *             {@code PERMISSION_DENIED} when the caller lacks the level a call needs (the message names it),
 *             {@code INVALID_PARAMETER_VALUE} for an unknown principal or a level the type does not have
 */
@ProviderType
public interface PermissionService {
    /** The object's access control list as {@code caller} may see it: it needs a level on the object. */
    ObjectPermissions get(String caller, ObjectRef object);

    /**
     * Replaces the object's direct entries with {@code acl} (PUT); {@code caller} needs its {@code CAN_MANAGE}. A job
     * keeps its owner when {@code acl} names none.
     */
    ObjectPermissions set(String caller, ObjectRef object, List<AccessControlRequest> acl);

    /** Adds or raises the entries of {@code acl} (PATCH); {@code caller} needs {@code CAN_MANAGE}. */
    ObjectPermissions update(String caller, ObjectRef object, List<AccessControlRequest> acl);

    /** The levels that can be granted on the object, weakest first; {@code caller} needs a level on it. */
    List<SecurableType.Level> levels(String caller, ObjectRef object);

    /** {@code user}'s level on the object, null when it has none. */
    String levelOf(String user, ObjectRef object);

    /**
     * Passes when {@code user} holds at least {@code level} on the object.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code PERMISSION_DENIED} when it does not
     */
    void require(String user, ObjectRef object, String level);

    /**
     * The {@code objects} (children of {@code parent}, or of no parent when it is null) on which {@code user} holds
     * at least {@code level}, in their order: what a list shows. The parent's inherited levels are resolved once, so
     * this costs one query whatever the number of objects.
     *
     * @param ref
     *            an object's reference
     * @param owner
     *            an object's owner, null when unknown
     */
    <T> List<T> visible(String user, ObjectRef parent, List<T> objects, Function<T, ObjectRef> ref,
            Function<T, String> owner, String level);

    /** Whether {@code user} is an administrator: one who holds every level. */
    boolean isAdmin(String user);

    /** Forgets the entries of an object that was deleted. */
    void forget(ObjectRef object);
}
