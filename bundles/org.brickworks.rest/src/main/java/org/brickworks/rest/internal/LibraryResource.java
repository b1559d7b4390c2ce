package org.brickworks.rest.internal;

import java.util.List;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.libraries.api.dto.ClusterLibraryStatuses;
import org.brickworks.libraries.api.dto.Library;
import org.brickworks.rest.api.ApiCall;
import org.brickworks.rest.api.ApiParams;
import org.brickworks.rest.api.ApiServlet;
import org.brickworks.rest.api.RestContext;
import org.brickworks.rest.api.Route;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.Servlet;

/**
 * Libraries API 2.0: {@code install}, {@code uninstall}, {@code cluster-status}, {@code all-cluster-statuses}, in
 * Databricks' JSON shapes (libraries as {@link LibrarySpec}).
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID)
@HttpWhiteboardContextSelect(RestContext.SELECT)
@HttpWhiteboardServletPattern({ "/api/2.0/libraries/*", "/api/2.1/libraries/*", "/api/2.2/libraries/*" })
public class LibraryResource extends ApiServlet {
    private static final long serialVersionUID = 1L;

    record ClusterId(String clusterId) {
        ClusterId {
            ApiParams.required(clusterId, "cluster_id");
        }
    }

    record Change(String clusterId, List<LibrarySpec> libraries) {
        Change {
            ApiParams.required(clusterId, "cluster_id");
            if (libraries.isEmpty()) {
                throw BrickworksException.invalidParameter("Missing required field: libraries");
            }
        }

        List<Library> toLibraries() {
            return libraries.stream().map(LibrarySpec::toLibrary).toList();
        }
    }

    record Statuses(List<ClusterStatuses> statuses) {
    }

    record ClusterStatuses(String clusterId, List<Status> libraryStatuses) {
        static ClusterStatuses of(ClusterLibraryStatuses cluster) {
            return new ClusterStatuses(cluster.clusterId(), cluster.libraryStatuses().stream()
                    .map(status -> new Status(LibrarySpec.of(status.library()), status.status().name(),
                            status.messages(), false))
                    .toList());
        }
    }

    /** {@code messages} is left out while there are none. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Status(LibrarySpec library, String status, List<String> messages, boolean isLibraryForAllClusters) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterLibraryService libraries;
    private final transient ServiceWait<ClusterLibraryService> waiting;
    private final transient Authorization authorization;

    @Activate
    public LibraryResource(BundleContext context, RestConfig config) {
        waiting = new ServiceWait<>(context, ClusterLibraryService.class, "libraries", config);
        authorization = new Authorization(context, config);
    }

    @Deactivate
    void deactivate() {
        waiting.close();
        authorization.close();
    }

    @Override
    protected List<Route<?>> routes() {
        return List.of(Route.post("libraries/install", Change.class, this::install),
                Route.post("libraries/uninstall", Change.class, this::uninstall),
                Route.get("libraries/cluster-status", ClusterId.class, call -> {
                    check(call.caller().userName(), call.params().clusterId(), ClusterResource.CAN_ATTACH_TO);
                    return ClusterStatuses.of(libraries().clusterStatus(call.params().clusterId()));
                }),
                Route.get("libraries/all-cluster-statuses", Void.class,
                        call -> new Statuses(authorization.holdingAny(call.caller().userName(),
                                ClusterResource.CLUSTERS, libraries().allClusterStatuses(),
                                ClusterLibraryStatuses::clusterId).stream().map(ClusterStatuses::of).toList())));
    }

    /** Installing and uninstalling take {@code CAN_MANAGE} on the cluster, as in Databricks. */
    private void check(String user, String clusterId, String level) {
        authorization.require(user, ClusterResource.CLUSTERS, ApiParams.required(clusterId, "cluster_id"), level);
    }

    private ClusterLibraryService libraries() {
        return waiting.get(libraries);
    }

    private Object install(ApiCall<Change> call) {
        check(call.caller().userName(), call.params().clusterId(), ClusterResource.CAN_MANAGE);
        libraries().install(call.params().clusterId(), call.params().toLibraries());
        return null;
    }

    private Object uninstall(ApiCall<Change> call) {
        check(call.caller().userName(), call.params().clusterId(), ClusterResource.CAN_MANAGE);
        libraries().uninstall(call.params().clusterId(), call.params().toLibraries());
        return null;
    }
}
