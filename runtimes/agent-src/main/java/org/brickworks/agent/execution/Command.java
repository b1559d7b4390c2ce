package org.brickworks.agent.execution;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.brickworks.agent.protocol.CellCommand;
import org.brickworks.agent.protocol.CellInterpreter;
import org.brickworks.agent.protocol.CommandState;
import org.brickworks.agent.protocol.CommandStatus;
import org.brickworks.agent.protocol.ErrorResult;
import org.brickworks.agent.protocol.Result;

/**
 * One command of an execution context. It runs once, after its context's earlier commands (see
 * {@link ExecutionContext}), in its language's interpreter and under a Spark job group named after its id, so
 * cancelling the group stops exactly its jobs. Its status is safe to read from any thread.
 */
final class Command {

    private static final Duration CANCEL_RETRY = Duration.ofMillis(100);

    /** Where a command finds its interpreter, on the thread that runs it. */
    interface Target {
        CellInterpreter interpreter() throws Exception;

        /** The interpreter failed (it threw): the next command of its language gets a new one. */
        default void failed(CellInterpreter broken) {
        }
    }

    private final CellCommand cell;
    private final Target target;
    private final ExecutionContext context;
    private final CountDownLatch completion = new CountDownLatch(1);
    private CommandState state = CommandState.QUEUED;
    private Result results;
    private boolean cancelRequested;
    private CellInterpreter interpreter;

    Command(CellCommand cell, Target target, ExecutionContext context) {
        this.cell = cell;
        this.target = target;
        this.context = context;
    }

    String id() {
        return cell.id();
    }

    String contextId() {
        return context.id();
    }

    /** Its state and, once it ended, its result. */
    synchronized CommandStatus status() {
        return new CommandStatus(cell.id(), state, results);
    }

    synchronized boolean isFinal() {
        return state.isFinal();
    }

    /** Runs the command unless it was cancelled while queued; called by the context's worker or fast path. */
    void run() {
        synchronized (this) {
            if (state != CommandState.QUEUED) {
                return;
            }
            state = CommandState.RUNNING;
        }
        SparkSession session = context.session();
        SparkContext sparkContext = session.sparkContext();
        sparkContext.setJobGroup(cell.id(), "Brickworks command " + cell.id(), true);
        SparkSession.setActiveSession(session);
        ReplClassRouter.enter(cell.id(), context::cellClassLoader);
        context.dbutils().widgets().parameters(cell.parameters());
        CellInterpreter started = null;
        try {
            started = target.interpreter();
            synchronized (this) {
                interpreter = started;
            }
            Result result = started.execute(cell);
            complete(!(result instanceof ErrorResult) ? CommandState.FINISHED : failedState(), result);
        } catch (Exception | LinkageError e) {
            if (started != null) {
                target.failed(started);
            }
            complete(failedState(), Results.error(e));
        } finally {
            ReplClassRouter.leave(cell.id());
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
            if (state == CommandState.QUEUED) {
                complete(CommandState.CANCELLED, new ErrorResult("Command cancelled before it ran", ""));
            }
        }
        do {
            context.session().sparkContext().cancelJobGroup(cell.id());
            CellInterpreter running = runningInterpreter();
            if (running != null) {
                running.interrupt();
            }
        } while (!awaitCompletion(CANCEL_RETRY));
    }

    /** Waits up to the timeout for a final state; true when the command has one. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completion.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized CellInterpreter runningInterpreter() {
        return state == CommandState.RUNNING ? interpreter : null;
    }

    private synchronized CommandState failedState() {
        return cancelRequested ? CommandState.CANCELLED : CommandState.ERROR;
    }

    private synchronized void complete(CommandState finalState, Result finalResults) {
        state = finalState;
        results = finalResults;
        completion.countDown();
    }
}
