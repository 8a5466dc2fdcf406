package org.dlkit.backend;

import org.dlkit.error.DlkitException;
import org.nd4j.linalg.factory.Nd4j;

/** Starts ND4J after a {@link Selection} and checks that it loaded the selected backend. */
final class Nd4jStart {

    private Nd4jStart() {
    }

    static void start(Selection selection) {
        Threads.checkOpenMpSetting(System.getenv("OMP_NUM_THREADS"));
        String loaded;
        try {
            loaded = Nd4j.getBackend().getClass().getName();
        } catch (Throwable e) { // ND4J reports a failed start as ExceptionInInitializerError / RuntimeException
            throw new DlkitException("ND4J could not start the " + selection.backend() + " backend: "
                    + rootMessage(e) + " (dlkit's preflight had passed: " + selection.reason() + ")", e);
        }
        if (!loaded.equals(selection.backend().nd4jClass())) {
            throw new DlkitException("ND4J loaded " + loaded + " although " + selection.backend()
                    + " was selected: both backends are on the classpath, keep one (build with or without -Pcuda)");
        }
        Threads.tune();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
