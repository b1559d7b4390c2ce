package org.brickworks.libraries.api.dto;

/**
 * A cluster library's status, as the Libraries API 2.0 defines it: PENDING (waiting for a running driver or a worker),
 * RESOLVING (downloading into the cache), INSTALLING (handing it to the driver), INSTALLED, FAILED (see the
 * messages), UNINSTALL_ON_RESTART (uninstalled: gone at the cluster's next start).
 */
public enum LibraryState {
    PENDING, RESOLVING, INSTALLING, INSTALLED, FAILED, UNINSTALL_ON_RESTART
}
