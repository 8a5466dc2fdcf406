package org.dlkit.error;

/**
 * Whether the JVM is stopping (Ctrl-C, SIGTERM, {@code System.exit}). After Ctrl-C the training thread goes on while
 * the shutdown hooks run, and fails in whatever the hooks stopped under it (Spark's context, a file being written).
 * That failure is not the user's news: the interrupt hook has already said what is kept and how to continue, and a
 * second "internal error" line would contradict it.
 */
public final class JvmShutdown {

    private JvmShutdown() {
    }

    /** True once the JVM runs its shutdown hooks: no hook can be added then. */
    public static boolean inProgress() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException stopping) {
            return true;
        }
    }

    /** Blocks the calling thread until the JVM halts; call it only when {@link #inProgress()}. */
    public static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the JVM is halting; keep waiting for it
            }
        }
    }
}
