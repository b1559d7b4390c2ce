package org.brickworks.agent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One SQL command of an execution context. It runs once, on its context's worker thread, under a Spark job group named
 * after its id, so cancelling the group stops exactly its jobs. Status and results are safe to read from any thread.
 */
final class Command {

    private static final Duration CANCEL_RETRY = Duration.ofMillis(100);

    private final String id;
    private final String sql;
    private final int maxRows;
    private final SparkSession session;
    private final CountDownLatch completion = new CountDownLatch(1);
    private CommandStatus status = CommandStatus.QUEUED;
    private ObjectNode results;
    private boolean cancelRequested;

    Command(String id, String sql, int maxRows, SparkSession session) {
        this.id = id;
        this.sql = sql;
        this.maxRows = maxRows;
        this.session = session;
    }

    String id() {
        return id;
    }

    synchronized CommandStatus status() {
        return status;
    }

    /** The results in the 1.2 API's shape, null until the command has any. */
    synchronized ObjectNode results() {
        return results;
    }

    /** Runs the command unless it was cancelled while queued; called by the context's worker. */
    void run() {
        synchronized (this) {
            if (status != CommandStatus.QUEUED) {
                return;
            }
            status = CommandStatus.RUNNING;
        }
        SparkContext sparkContext = session.sparkContext();
        sparkContext.setJobGroup(id, "Brickworks command " + id, true);
        SparkSession.setActiveSession(session);
        try {
            complete(CommandStatus.FINISHED, SqlResults.of(session.sql(sql), maxRows));
        } catch (Exception e) {
            complete(isCancelRequested() ? CommandStatus.CANCELLED : CommandStatus.ERROR, SqlResults.error(e));
        } finally {
            sparkContext.clearJobGroup();
        }
    }

    /**
     * Cancels the command: a queued one never runs; a running one has its job group cancelled until it completes,
     * because a job submitted just after a cancel would otherwise run on. Blocks the calling thread while the command
     * runs.
     */
    void cancel() throws InterruptedException {
        synchronized (this) {
            cancelRequested = true;
            if (status == CommandStatus.QUEUED) {
                complete(CommandStatus.CANCELLED, null);
            }
        }
        do {
            session.sparkContext().cancelJobGroup(id);
        } while (!awaitCompletion(CANCEL_RETRY));
    }

    /** Waits up to the timeout for a final status; true when the command has one. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completion.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
