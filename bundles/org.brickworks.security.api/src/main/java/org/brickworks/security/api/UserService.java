package org.brickworks.security.api;

import java.util.List;

import org.brickworks.security.api.dto.User;
import org.osgi.annotation.versioning.ProviderType;

/** The platform's users. The first start creates the {@value #ADMIN} user. Thread-safe. */
@ProviderType
public interface UserService {
    String ADMIN = "admin";

    List<User> list();

    /**
     * @throws org.brickworks.core.api.BrickworksException
     *             RESOURCE_DOES_NOT_EXIST
     */
    User get(String userName);
}
