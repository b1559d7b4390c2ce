package org.brickworks.permissions.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of object that carries permissions, registered as a service by the area that keeps the objects (with the
 * service property {@value #PROPERTY} naming it) — clusters and pools by the clusters bundle, jobs by the jobs bundle,
 * notebooks, directories and files by the workspace bundle, a plugin's own objects by the plugin. The permissions
 * service asks it whether an object exists, who owns it and what it inherits from; it keeps the access control lists
 * itself. Called on request threads; thread-safe.
 */
@ConsumerType
public interface SecurableType {
    /** The service property naming the type: the Permissions API's path segment, as {@link #name()}. */
    String PROPERTY = "brickworks.permissions.type";

    /** The Permissions API's path segment: {@code clusters}, {@code instance-pools}, {@code jobs}, ... */
    String name();

    /** The singular {@code object_type} the Permissions API answers: {@code cluster}, {@code job}, ... */
    String objectType();

    /**
     * The type's permission levels, weakest first, each with the description {@code permissionLevels} shows: a level
     * includes every level before it.
     */
    List<Level> levels();

    /** The level an object's owner holds: {@code CAN_MANAGE}, or {@code IS_OWNER} for jobs. */
    String ownerLevel();

    /**
     * The object's owner and parents.
     *
     * @throws org.brickworks.core.api.BrickworksException
     *             {@code RESOURCE_DOES_NOT_EXIST} when there is no such object
     */
    Securable resolve(String id);

    /** A permission level and its description. */
    record Level(String name, String description) {
    }
}
