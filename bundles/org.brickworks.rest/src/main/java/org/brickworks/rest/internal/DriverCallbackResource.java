package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.dbfs.api.dto.MountSpec;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.notebooks.api.dto.ChildRun;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What cluster drivers ask of the platform for {@code dbutils} ({@code /api/2.0/driver/*}, Brickworks' own): not a
 * user's token but a running cluster's secret authenticates these calls, and they act for that cluster only.
 * <ul>
 * <li>{@code driver/notebook-run} (the agent protocol's {@code NotebookRunRequest}: {@code contextId}, {@code path},
 * {@code timeoutSeconds}, {@code arguments}): {@code dbutils.notebook.run}, a child run on the caller's cluster;
 * answers a {@code NotebookRunAnswer}: {@code runId}, {@code resultState} ({@code SUCCESS|FAILED|TIMEDOUT}),
 * {@code exitValue}, {@code error}.</li>
 * <li>{@code driver/mount} ({@code Mount}: {@code source}, {@code mountPoint}, {@code extraConfigs}) and
 * {@code driver/unmount} ({@code mountPoint}): {@code dbutils.fs.mount/unmount}, what {@code dbfs/mount} and
 * {@code dbfs/unmount} do.</li>
 * </ul>
 */
final class DriverCallbackResource {
    private final ServiceSlot<DriverChannels> drivers;
    private final ServiceSlot<NotebookRunner> runner;
    private final ServiceSlot<DbfsService> dbfs;
    private final ObjectMapper json;

    DriverCallbackResource(ServiceSlot<DriverChannels> drivers, ServiceSlot<NotebookRunner> runner,
            ServiceSlot<DbfsService> dbfs, ObjectMapper json) {
        this.drivers = drivers;
        this.runner = runner;
        this.dbfs = dbfs;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(Route.post("driver/notebook-run", this::notebookRun).open(),
                Route.post("driver/mount", this::mount).open(), Route.post("driver/unmount", this::unmount).open());
    }

    private Object notebookRun(ApiRequest request) {
        String clusterId = callerCluster(request);
        long timeout = request.optionalLong("timeoutSeconds").orElse(0L);
        if (timeout < 0 || timeout > Integer.MAX_VALUE) {
            throw BrickworksException.invalidParameter("timeoutSeconds must be between 0 and " + Integer.MAX_VALUE
                    + ", got " + timeout);
        }
        ChildRun child = runner.get().runChild(request.requiredString("path"), clusterId,
                request.requiredString("contextId"), request.optionalStringMap("arguments"), (int) timeout);
        ObjectNode node = json.createObjectNode().put("resultState", child.resultState())
                .put("exitValue", child.exitValue()).put("error", child.error());
        if (child.run() != null) {
            node.put("runId", child.run().runId());
        }
        return node;
    }

    private Object mount(ApiRequest request) {
        callerCluster(request);
        dbfs.get().mount(new MountSpec(request.requiredString("source"), request.requiredString("mountPoint"),
                request.optionalStringMap("extraConfigs")));
        return null;
    }

    private Object unmount(ApiRequest request) {
        callerCluster(request);
        dbfs.get().unmount(request.requiredString("mountPoint"));
        return null;
    }

    /** The running cluster whose secret the request carries; else {@code UNAUTHENTICATED}. */
    private String callerCluster(ApiRequest request) {
        return drivers.get().clusterWithSecret(request.bearerToken());
    }
}
