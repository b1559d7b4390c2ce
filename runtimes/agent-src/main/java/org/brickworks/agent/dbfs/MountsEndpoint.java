package org.brickworks.agent.dbfs;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.brickworks.agent.http.ApiException;
import org.brickworks.agent.http.Routes;
import org.brickworks.agent.protocol.AgentPaths;
import org.brickworks.agent.protocol.Mount;
import org.brickworks.agent.protocol.MountTable;

/**
 * {@code PUT /mounts}: the platform's whole mount table, served from now on unless the driver has a newer one
 * ({@link DriverMountTable}). The answer is the table served, without the mounts' credentials.
 */
public final class MountsEndpoint {

    private final DriverMountTable mounts;

    public MountsEndpoint(DriverMountTable mounts) {
        this.mounts = mounts;
    }

    public void addTo(Routes routes) {
        routes.add("PUT", AgentPaths.MOUNTS, (exchange, id) -> use(exchange.body(MountTable.class)));
    }

    private MountTable use(MountTable pushed) throws IOException {
        pushed.mounts().forEach(MountsEndpoint::check);
        MountTable served = mounts.accept(pushed);
        return new MountTable(served.version(), served.mounts().stream()
                .map(mount -> new Mount(mount.source(), mount.mountPoint(), Map.of())).toList());
    }

    private static void check(Mount mount) {
        String point = mount.mountPoint();
        if (point == null || !point.matches("/mnt/[^/]+(/[^/]+)*")) {
            throw ApiException.invalid("A mount point is /mnt/<name>, not " + point);
        }
        try {
            if (mount.source() == null || URI.create(mount.source()).getScheme() == null) {
                throw ApiException.invalid("The source of " + point + " is not a URI with a scheme");
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("The source of " + point + " is not a URI: " + e.getMessage());
        }
    }
}
