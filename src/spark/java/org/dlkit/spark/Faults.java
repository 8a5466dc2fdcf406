package org.dlkit.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Spark recovered from while training: executors lost (a worker died) and tasks that failed and were run again.
 * Spark re-runs a failed task on another executor up to {@code spark.task.maxFailures} (4) times; the job, and so
 * the epoch, succeeds as long as one executor is left.
 */
final class Faults extends SparkListener {

    private final List<String> lostExecutors = new ArrayList<>();
    private int failedTasks;
    private int reported;

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        lostExecutors.add("executor " + removed.executorId() + ": " + removed.reason());
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo() != null && end.taskInfo().failed()) {
            failedTasks++;
        }
    }

    /** A line for what happened since the last call, or null when nothing did. */
    synchronized String sinceLastReport(int epoch) {
        int events = lostExecutors.size() + failedTasks;
        if (events == reported) {
            return null;
        }
        reported = events;
        return String.format(Locale.ROOT,
                "Spark recovered in epoch %d: %d executor%s lost so far%s, %d failed task%s re-run; "
                        + "training goes on", epoch, lostExecutors.size(), lostExecutors.size() == 1 ? "" : "s",
                lostExecutors.isEmpty() ? "" : " (" + lostExecutors.get(lostExecutors.size() - 1) + ")",
                failedTasks, failedTasks == 1 ? "" : "s");
    }
}
