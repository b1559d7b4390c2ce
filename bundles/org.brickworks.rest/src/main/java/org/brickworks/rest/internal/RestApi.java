package org.brickworks.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.brickworks.clusters.api.ClusterService;
import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.clusters.api.InstancePoolService;
import org.brickworks.core.api.PlatformInfo;
import org.brickworks.core.api.ServiceSlot;
import org.brickworks.notebooks.api.NotebookRunner;
import org.brickworks.dbfs.api.DbfsService;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.libraries.api.ClusterLibraryService;
import org.brickworks.runtimes.api.RuntimeRegistry;
import org.brickworks.security.api.TokenService;
import org.brickworks.workspace.api.WorkspaceService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The REST API on the HTTP whiteboard at {@code /api/*}. Services that can be swapped live (tokens, runtimes, clusters,
 * commands, workspace) are held in {@link ServiceSlot}s: during a swap requests wait for the new provider instead of failing.
 */
@Component(service = Servlet.class, configurationPid = "org.brickworks.rest")
@HttpWhiteboardServletPattern("/api/*")
@Designate(ocd = RestConfig.class)
public class RestApi extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ServiceSlot<TokenService> tokens;
    private final transient ServiceSlot<RuntimeRegistry> runtimes;
    private final transient ServiceSlot<ClusterService> clusters;
    private final transient ServiceSlot<CommandExecution> commands;
    private final transient ServiceSlot<DriverChannels> drivers;
    private final transient ServiceSlot<InstancePoolService> pools;
    private final transient ServiceSlot<WorkspaceService> workspace;
    private final transient ServiceSlot<NotebookRunner> notebooks;
    private final transient ServiceSlot<DbfsService> dbfs;
    private final transient ServiceSlot<ClusterLibraryService> libraries;
    private final transient ApiDispatcher api;

    @Activate
    public RestApi(@Reference PlatformInfo platform, RestConfig config) {
        tokens = new ServiceSlot<>("token", Duration.ofSeconds(config.serviceWaitSeconds()));
        runtimes = new ServiceSlot<>("runtimes", Duration.ofSeconds(config.serviceWaitSeconds()));
        clusters = new ServiceSlot<>("clusters", Duration.ofSeconds(config.serviceWaitSeconds()));
        commands = new ServiceSlot<>("command execution", Duration.ofSeconds(config.serviceWaitSeconds()));
        drivers = new ServiceSlot<>("clusters", Duration.ofSeconds(config.serviceWaitSeconds()));
        pools = new ServiceSlot<>("instance pools", Duration.ofSeconds(config.serviceWaitSeconds()));
        workspace = new ServiceSlot<>("workspace", Duration.ofSeconds(config.serviceWaitSeconds()));
        notebooks = new ServiceSlot<>("notebooks", Duration.ofSeconds(config.serviceWaitSeconds()));
        dbfs = new ServiceSlot<>("dbfs", Duration.ofSeconds(config.serviceWaitSeconds()));
        libraries = new ServiceSlot<>("libraries", Duration.ofSeconds(config.serviceWaitSeconds()));
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new PlatformResource(platform, json).routes());
        routes.addAll(new TokenResource(tokens, json).routes());
        routes.addAll(new RuntimeResource(runtimes, json).routes());
        routes.addAll(new ClusterResource(clusters, json).routes());
        routes.addAll(new CommandResource(commands, json).routes());
        routes.addAll(new InstancePoolResource(pools, json).routes());
        routes.addAll(new WorkspaceResource(workspace, json).routes());
        routes.addAll(new NotebookResource(notebooks, json).routes());
        routes.addAll(new DriverCallbackResource(drivers, notebooks, dbfs, json).routes());
        routes.addAll(new DbfsResource(dbfs, json).routes());
        routes.addAll(new LibraryResource(libraries, json).routes());
        api = new ApiDispatcher(json, new Authenticator(tokens), config.maxBodyBytes(), routes);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindTokenService(TokenService service) {
        tokens.bind(service);
    }

    void unbindTokenService(TokenService service) {
        tokens.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRuntimeRegistry(RuntimeRegistry service) {
        runtimes.bind(service);
    }

    void unbindRuntimeRegistry(RuntimeRegistry service) {
        runtimes.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindClusterService(ClusterService service) {
        clusters.bind(service);
    }

    void unbindClusterService(ClusterService service) {
        clusters.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindCommandExecution(CommandExecution service) {
        commands.bind(service);
    }

    void unbindCommandExecution(CommandExecution service) {
        commands.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDriverChannels(DriverChannels service) {
        drivers.bind(service);
    }

    void unbindDriverChannels(DriverChannels service) {
        drivers.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindInstancePoolService(InstancePoolService service) {
        pools.bind(service);
    }

    void unbindInstancePoolService(InstancePoolService service) {
        pools.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindWorkspaceService(WorkspaceService service) {
        workspace.bind(service);
    }

    void unbindWorkspaceService(WorkspaceService service) {
        workspace.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindNotebookRunner(NotebookRunner service) {
        notebooks.bind(service);
    }

    void unbindNotebookRunner(NotebookRunner service) {
        notebooks.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDbfsService(DbfsService service) {
        dbfs.bind(service);
    }

    void unbindDbfsService(DbfsService service) {
        dbfs.unbind(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindClusterLibraryService(ClusterLibraryService service) {
        libraries.bind(service);
    }

    void unbindClusterLibraryService(ClusterLibraryService service) {
        libraries.unbind(service);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.handle(request, response);
    }
}
