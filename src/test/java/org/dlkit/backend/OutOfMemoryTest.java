package org.dlkit.backend;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running out of heap or native memory becomes one line that says what to change; other failures stay bugs. */
class OutOfMemoryTest {

    @Test
    void heapAndNativeAllocationFailuresAreNamed() {
        OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
        DlkitException line = OutOfMemory.of(new RuntimeException("while training", heap));
        assertNotNull(line, "found through the cause chain");
        assertTrue(line.getMessage().startsWith("out of memory (Java heap space): "), line.getMessage());
        assertTrue(line.getMessage().contains("DLKIT_JAVA_OPTS=-Xmx8g") && !line.getMessage().contains("\n"),
                line.getMessage());
        assertSame(heap, line.getCause().getCause());

        DlkitException nd4j = OutOfMemory.of(new RuntimeException("Allocation failed: [std::bad_alloc]\nmore"));
        assertNotNull(nd4j);
        assertTrue(nd4j.getMessage().startsWith("out of native memory (ND4J: Allocation failed: [std::bad_alloc]): "),
                nd4j.getMessage());
    }

    @Test
    void otherFailuresAreNotMistakenForMemory() {
        assertNull(OutOfMemory.of(new IllegalStateException("index 3 out of bounds")));
        assertNull(OutOfMemory.of(new RuntimeException((String) null)));
    }
}
