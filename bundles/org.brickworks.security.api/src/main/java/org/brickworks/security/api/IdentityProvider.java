package org.brickworks.security.api;

import org.brickworks.security.api.dto.ExternalDirectory;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A directory of users and groups that an enterprise keeps elsewhere (LDAP, Active Directory, an HR system), plugged
 * in as a whiteboard service with the property {@value #NAME} (a short name such as {@code ldap}). When a provider
 * comes, and on {@code bw:identity-sync}, the platform imports its users (marked with the external id
 * {@code <name>:<user name>}) and groups, and makes a group's members the directory's; imported users that left the
 * directory are disabled. A user the provider brought signs in with the password the provider checks. A provider that
 * fails is logged and skipped, never breaking the platform. Implementations are called from any thread.
 *
 * @since 1.1
 */
@ConsumerType
public interface IdentityProvider {
    /** The service property naming a provider; without one the provider is ignored. */
    String NAME = "brickworks.identity.provider";

    /** The directory's users and groups as they are now. */
    ExternalDirectory read();

    /** Whether {@code password} is the directory's password of {@code userName}. */
    boolean authenticate(String userName, char[] password);
}
