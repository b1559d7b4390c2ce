package org.brickworks.agent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One command of an execution context. It runs once, after its context's earlier commands (see
 * {@link ExecutionContext}), in its language's interpreter and under a Spark job group named after its id, so
 * cancelling the group stops exactly its jobs. Status and results are safe to read from any thread.
 */
final class Command {

    private static final Duration CANCEL_RETRY = Duration.ofMillis(100);

    private final CommandRun run;
    private final Callable<Interpreter> interpreterOfRun;
    private final ExecutionContext context;
    private final SparkSession session;
    private final CountDownLatch completion = new CountDownLatch(1);
    private CommandStatus status = CommandStatus.QUEUED;
    private ObjectNode results;
    private boolean cancelRequested;
    private Interpreter interpreter;

    /** {@code interpreter}: the interpreter to run it in, called on the context's worker thread. */
    Command(CommandRun run, Callable<Interpreter> interpreter, ExecutionContext context, SparkSession session) {
        this.run = run;
        this.interpreterOfRun = interpreter;
        this.context = context;
        this.session = session;
    }

    String id() {
        return run.id();
    }

    synchronized CommandStatus status() {
        return status;
    }

    /** The results in the 1.2 API's shape, null until the command has any. */
    synchronized ObjectNode results() {
        return results;
    }

    /** Runs the command unless it was cancelled while queued; called by the context's worker or fast path. */
    void run() {
        synchronized (this) {
            if (status != CommandStatus.QUEUED) {
                return;
            }
            status = CommandStatus.RUNNING;
        }
        SparkContext sparkContext = session.sparkContext();
        sparkContext.setJobGroup(run.id(), "Brickworks command " + run.id(), true);
        SparkSession.setActiveSession(session);
        ReplClassRouter.enter(run.id(), context::replClassLoader);
        context.widgets().parameters(run.parameters());
        try {
            Interpreter started = interpreterOfRun.call();
            synchronized (this) {
                interpreter = started;
            }
            ObjectNode result = started.execute(run);
            boolean failed = "error".equals(result.path("resultType").asText());
            complete(!failed ? CommandStatus.FINISHED
                    : isCancelRequested() ? CommandStatus.CANCELLED : CommandStatus.ERROR, result);
        } catch (Exception | LinkageError e) {
            complete(isCancelRequested() ? CommandStatus.CANCELLED : CommandStatus.ERROR, Results.error(e));
        } finally {
            ReplClassRouter.leave(run.id());
            sparkContext.clearJobGroup();
            Thread.interrupted(); // an interrupt meant for this command must not reach the next one
        }
    }

    /**
     * Cancels the command: a queued one never runs; a running one has its job group cancelled and its interpreter
     * interrupted until it completes, because a job submitted just after a cancel would otherwise run on. Blocks the
     * calling thread while the command runs.
     */
    void cancel() throws InterruptedException {
        synchronized (this) {
            cancelRequested = true;
            if (status == CommandStatus.QUEUED) {
                complete(CommandStatus.CANCELLED, null);
            }
        }
        do {
            session.sparkContext().cancelJobGroup(run.id());
            Interpreter running = runningInterpreter();
            if (running != null) {
                running.interrupt();
            }
        } while (!awaitCompletion(CANCEL_RETRY));
    }

    /** Waits up to the timeout for a final status; true when the command has one. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completion.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized Interpreter runningInterpreter() {
        return status == CommandStatus.RUNNING ? interpreter : null;
    }

    private synchronized boolean isCancelRequested() {
        return cancelRequested;
    }

    private synchronized void complete(CommandStatus finalStatus, ObjectNode finalResults) {
        status = finalStatus;
        results = finalResults;
        completion.countDown();
    }
}
