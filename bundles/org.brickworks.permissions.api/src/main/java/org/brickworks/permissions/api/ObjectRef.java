package org.brickworks.permissions.api;

/**
 * An object that carries permissions, as the Permissions API's paths name it.
 *
 * @param type
 *            the {@linkplain SecurableType#name() type}: {@code clusters}, {@code jobs}, {@code directories}, ...
 * @param id
 *            the object's id in its area: a cluster id, a job id, a workspace object id
 */
public record ObjectRef(String type, String id) {
    /** {@code /clusters/0123-...}: Databricks' {@code object_id}. */
    @Override
    public String toString() {
        return "/" + type + "/" + id;
    }
}
