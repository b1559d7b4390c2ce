package org.brickworks.execution.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.brickworks.agent.protocol.ContextInstall;
import org.brickworks.agent.protocol.CreateContext;
import org.brickworks.agent.protocol.Execute;
import org.brickworks.clusters.api.DriverChannels;
import org.brickworks.clusters.api.dto.DriverChannel;
import org.brickworks.core.api.Awaiting;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.execution.api.CellLanguage;
import org.brickworks.execution.api.CommandExecution;
import org.brickworks.execution.api.LanguageRegistry;
import org.brickworks.execution.api.NotebookLibraryResolver;
import org.brickworks.execution.api.dto.CommandResult;
import org.brickworks.execution.api.dto.CommandState;
import org.brickworks.execution.api.dto.CommandStatus;
import org.brickworks.execution.api.dto.ErrorResult;
import org.brickworks.execution.api.dto.NotebookLibraries;
import org.brickworks.secrets.api.Redaction;
import org.brickworks.secrets.api.SecretService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Command Execution API 1.2 over the running clusters' drivers ({@link DriverChannels}, {@link AgentClient}), in
 * the languages the {@link LanguageRegistry} has now: a driver language's commands go to the context on the driver, a
 * platform language's run here. {@code execute} waits on the driver up to {@value #EXECUTE_WAIT_MILLIS} ms and keeps
 * a result it got for the first status call, so a short command costs one request to the driver, not two. Contexts
 * know their user (the driver keeps it, this service remembers it once asked); every ended command's result is
 * redacted with the secrets that user may read, asked of the {@link SecretService} when the command ends. A command
 * that a {@link NotebookLibraryResolver} takes ({@code %pip install}, {@code %mvn install}) is resolved here and
 * becomes the driver's install command of the context. Every call counts as the cluster's activity.
 */
@Component(service = CommandExecution.class)
public class ClusterCommandExecution implements CommandExecution {
    static final long MAX_WAIT_MILLIS = 60_000;
    /** How long {@code execute} waits on the driver for the command to end, so a short one needs no status call. */
    static final long EXECUTE_WAIT_MILLIS = 100;
    static final int OWNERS_KEPT = 10_000;

    private final AgentClient agents = new AgentClient();
    private final FinishedCommands finished = new FinishedCommands();
    private final LanguageRegistry languages;
    private final ServiceTracker<DriverChannels, DriverChannels> tracker;
    private final Supplier<DriverChannels> channels;
    private final ServiceTracker<SecretService, SecretService> secretsTracker;
    /** The secrets' redaction of a user, or null when there is no secrets service. */
    private final Function<String, Redaction> redactions;
    /**
     * The user of each context by cluster and context id, "" for none: what the drivers said or were told, the
     * least recently used forgotten beyond {@value #OWNERS_KEPT} (the driver says it again).
     */
    private final Map<String, String> owners = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > OWNERS_KEPT;
        }
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<NotebookLibraryResolver> resolvers = List.of();

    @Activate
    public ClusterCommandExecution(@Reference LanguageRegistry languages, BundleContext context) {
        this.languages = languages;
        this.tracker = new ServiceTracker<>(context, DriverChannels.class, null);
        tracker.open();
        this.channels = () -> Awaiting.await(tracker, "clusters");
        this.secretsTracker = new ServiceTracker<>(context, SecretService.class, null);
        secretsTracker.open();
        this.redactions = user -> {
            SecretService secrets = secretsTracker.getService();
            if (secrets == null && secretsTracker.getTrackingCount() > 0) {
                // It was here: it is being swapped, and results wait for it rather than show a secret.
                secrets = Awaiting.await(secretsTracker, "secrets");
            }
            return secrets == null ? null : secrets.redaction(user);
        };
    }

    /**
     * Without OSGi: {@code channels} gives the drivers, {@code resolvers} take notebook-scoped installs,
     * {@code redactions} a user's redaction (null: none).
     */
    ClusterCommandExecution(LanguageRegistry languages, Supplier<DriverChannels> channels,
            List<NotebookLibraryResolver> resolvers, Function<String, Redaction> redactions) {
        this.languages = languages;
        this.tracker = null;
        this.secretsTracker = null;
        this.channels = channels;
        this.resolvers = resolvers;
        this.redactions = redactions;
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        secretsTracker.close();
    }

    @Override
    public String createContext(String clusterId, String language, Map<String, String> parameters) {
        return createContext(clusterId, language, parameters, null);
    }

    @Override
    public String createContext(String clusterId, String language, Map<String, String> parameters, String user) {
        if (languages.require(language).placement() == CellLanguage.Placement.PLATFORM) {
            throw BrickworksException.invalidParameter("Language " + language + " runs on the platform: create"
                    + " the context in a language of the driver and run " + language + " commands in it");
        }
        String contextId = agents.createContext(driver(clusterId), new CreateContext(language, parameters, user));
        owners.put(key(clusterId, contextId), user == null ? "" : user);
        return contextId;
    }

    @Override
    public Optional<String> contextUser(String clusterId, String contextId) {
        String key = key(clusterId, id("contextId", contextId));
        String user = owners.get(key);
        if (user == null) {
            String told = agents.contextInfo(driver(clusterId), contextId).user();
            user = told == null ? "" : told;
            owners.put(key, user);
        }
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    /**
     * {@code status} with the secrets of the context's user redacted, once the command ended; a context of no user
     * reads no secrets, and its results are as they are.
     */
    private CommandStatus redacted(String clusterId, String contextId, CommandStatus status) {
        if (status.result() == null) {
            return status;
        }
        Optional<String> user = contextUser(clusterId, contextId);
        Redaction redaction = user.isEmpty() ? null : redactions.apply(user.get());
        return redaction == null ? status : ResultRedaction.redact(status, redaction);
    }

    private static String key(String clusterId, String contextId) {
        return clusterId + "/" + contextId;
    }

    @Override
    public String contextStatus(String clusterId, String contextId) {
        return agents.contextStatus(driver(clusterId), id("contextId", contextId));
    }

    @Override
    public void destroyContext(String clusterId, String contextId) {
        agents.destroyContext(driver(clusterId), id("contextId", contextId));
        owners.remove(key(clusterId, contextId));
    }

    @Override
    public String execute(String clusterId, String contextId, String language, String command,
            Map<String, String> parameters) {
        CellLanguage cellLanguage = languages.require(language);
        if (command == null || command.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: command");
        }
        id("contextId", contextId);
        DriverChannel driver = driver(clusterId);
        if (cellLanguage.placement() == CellLanguage.Placement.PLATFORM) {
            return runHere(clusterId, contextId, cellLanguage, command, parameters);
        }
        if (command.stripLeading().startsWith("%")) {
            Optional<ContextInstall> install = notebookInstall(language, command);
            if (install.isPresent()) {
                return agents.installInContext(driver, contextId, install.get());
            }
        }
        CommandStatus status = ProtocolResults.status(agents.execute(driver,
                new Execute(contextId, language, command, null, parameters, EXECUTE_WAIT_MILLIS)));
        if (status.done()) {
            finished.ended(clusterId, contextId, redacted(clusterId, contextId, status));
        }
        return status.id();
    }

    /** A platform language's command, run now; a failure of the language is the command's error. */
    private String runHere(String clusterId, String contextId, CellLanguage language, String command,
            Map<String, String> parameters) {
        CommandResult result;
        try {
            result = language.run(command, parameters);
        } catch (RuntimeException e) {
            result = new ErrorResult(String.valueOf(e.getMessage()), "");
        }
        CommandState state = result instanceof ErrorResult ? CommandState.ERROR : CommandState.FINISHED;
        CommandStatus status = new CommandStatus("p" + UUID.randomUUID().toString().replace("-", ""), state, result);
        finished.endedHere(clusterId, contextId, status);
        return status.id();
    }

    /**
     * The driver's request adding a notebook-scoped install's files to the context, or its failure (the context's
     * command then ends with the resolver's reason), when a resolver takes the command.
     */
    private Optional<ContextInstall> notebookInstall(String language, String command) {
        for (NotebookLibraryResolver resolver : resolvers) {
            Optional<NotebookLibraries> resolved;
            try {
                resolved = resolver.resolve(language, command);
            } catch (BrickworksException e) {
                return Optional.of(ContextInstall.failed(e.getMessage()));
            }
            if (resolved.isPresent()) {
                NotebookLibraries libraries = resolved.get();
                return Optional.of(new ContextInstall(AgentDriverLibraries.absolute(libraries.jars()),
                        AgentDriverLibraries.absolute(libraries.pythonPaths()), libraries.summary(), null));
            }
        }
        return Optional.empty();
    }

    @Override
    public CommandStatus status(String clusterId, String contextId, String commandId, long waitMillis) {
        id("commandId", commandId);
        DriverChannel driver = driver(clusterId); // a cluster that stopped refuses, as a call to its driver would
        id("contextId", contextId);
        CommandStatus ended = finished.take(clusterId, contextId, commandId);
        if (ended != null) {
            return ended;
        }
        long wait = Math.max(0, Math.min(MAX_WAIT_MILLIS, waitMillis));
        return redacted(clusterId, contextId,
                ProtocolResults.status(agents.status(driver, contextId, commandId, wait)));
    }

    @Override
    public void cancel(String clusterId, String contextId, String commandId) {
        id("commandId", commandId);
        DriverChannel driver = driver(clusterId);
        if (!finished.isHere(clusterId, commandId)) {
            agents.cancel(driver, commandId);
        }
    }

    /** The RUNNING cluster's driver, for a call that is the cluster's activity. */
    private DriverChannel driver(String clusterId) {
        if (clusterId == null || clusterId.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: clusterId");
        }
        DriverChannels drivers = channels.get();
        DriverChannel driver = drivers.running(clusterId);
        drivers.touch(clusterId);
        return driver;
    }

    /** Ids go into the driver's paths: anything but a plain id can only be unknown. */
    static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw BrickworksException.invalidParameter("Missing required field: " + field);
        }
        if (!value.matches("[A-Za-z0-9_-]{1,100}")) {
            throw BrickworksException.notFound(field + " " + value + " does not exist");
        }
        return value;
    }
}
