package org.brickworks.agent.protocol;

/**
 * The agent's HTTP API, relative to its base address {@code http://<host>:<port>}. Each path names what it carries:
 * <ul>
 * <li>{@code GET} {@link #HEALTH} → {@link Health}</li>
 * <li>{@code GET} {@link #EXECUTORS} → {@link ExecutorList}</li>
 * <li>{@code POST} {@link #CONTEXTS} {@link CreateContext} → {@link Id}; {@code GET} {@link #context} →
 * {@link ContextInfo}; {@code DELETE} {@link #context} → {@link Id} (its commands are cancelled)</li>
 * <li>{@code POST} {@link #COMMANDS} {@link Execute} → {@link CommandStatus} (at once, or after up to
 * {@link Execute#waitMillis()}); {@code GET} {@link #command}{@code ?}{@value #WAIT_MILLIS}{@code =N} →
 * {@link CommandStatus}, waiting up to N ms (at most {@link #MAX_STATUS_WAIT_MILLIS}) for it to end (with
 * {@value #CONTEXT_ID}{@code =<id>}: {@code RESOURCE_DOES_NOT_EXIST} unless the command is of that context);
 * {@code POST} {@link #commandCancel} → {@link Id}</li>
 * <li>{@code POST} {@link #LIBRARIES} {@link Libraries} → {@link Libraries} (all installed); {@code GET}
 * {@link #LIBRARIES} → {@link Libraries}; {@code POST} {@link #contextLibraries} {@link ContextInstall} → {@link Id}
 * of the install's command</li>
 * <li>{@code PUT} {@link #MOUNTS} {@link MountTable} → {@link MountTable}: the whole table replaces the driver's unless
 * the driver has a newer version already; the answer is the table the driver serves now, its mounts without their
 * {@code extraConfigs} (credentials never travel back)</li>
 * <li>{@code PUT} {@link #LANGUAGES} {@link LanguageJars} → {@link LanguageList}: the plugin languages' jars, whole (a
 * jar that cannot be read or holds no language is {@code INVALID_PARAMETER_VALUE} and changes nothing);
 * {@code GET} {@link #LANGUAGES} → {@link LanguageList}. A context or command in a language not listed is
 * {@code INVALID_PARAMETER_VALUE}, its message naming the languages there are.</li>
 * <li>{@code POST} {@link #SHUTDOWN} → {@link Health} with state {@code TERMINATING}; the process exits</li>
 * </ul>
 */
public final class AgentPaths {
    public static final String HEALTH = "/health";
    public static final String EXECUTORS = "/executors";
    public static final String CONTEXTS = "/contexts";
    public static final String COMMANDS = "/commands";
    public static final String LIBRARIES = "/libraries";
    public static final String MOUNTS = "/mounts";
    public static final String LANGUAGES = "/languages";
    public static final String SHUTDOWN = "/shutdown";
    /** The query parameter of a status request: how long to wait for the command to end, in milliseconds. */
    public static final String WAIT_MILLIS = "wait_ms";
    /** The query parameter of a status request naming the context the command must belong to. */
    public static final String CONTEXT_ID = "context_id";
    public static final long MAX_STATUS_WAIT_MILLIS = 60_000;
    public static final long MAX_EXECUTE_WAIT_MILLIS = 1_000;

    private AgentPaths() {
    }

    public static String context(String contextId) {
        return CONTEXTS + "/" + contextId;
    }

    public static String contextLibraries(String contextId) {
        return context(contextId) + LIBRARIES;
    }

    public static String command(String commandId) {
        return COMMANDS + "/" + commandId;
    }

    public static String commandCancel(String commandId) {
        return command(commandId) + "/cancel";
    }

    /** A status request that waits up to {@code waitMillis} for the command to end. */
    public static String commandStatus(String commandId, long waitMillis) {
        return command(commandId) + "?" + WAIT_MILLIS + "=" + waitMillis;
    }

    /** As {@link #commandStatus(String, long)}, for a command of context {@code contextId} only. */
    public static String commandStatus(String contextId, String commandId, long waitMillis) {
        return commandStatus(commandId, waitMillis) + "&" + CONTEXT_ID + "=" + contextId;
    }
}
