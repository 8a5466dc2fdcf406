package org.dlkit.autodiff;

import org.dlkit.error.DlkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Card 5: each edge shows the forward value above and the gradient below. */
class GraphDrawingTest {

    private static Node lectureExample() {
        Node x = Node.scalar(-2, "x"), y = Node.scalar(5, "y"), z = Node.scalar(-4, "z");
        Node f = x.add(y).label("q").mul(z).label("f");
        f.backward();
        return f;
    }

    @Test
    void dotShowsValueAboveAndGradientBelowOnEveryEdge() {
        String dot = GraphDrawing.toDot(lectureExample());
        assertTrue(dot.startsWith("digraph"));
        // x carries -2 forward and receives -4; q carries 3 and receives -4; z carries -4 and receives 3
        assertTrue(dot.contains(">-2</font><br/><font color=\"#c62828\">-4</font>"), dot);
        assertTrue(dot.contains(">5</font><br/><font color=\"#c62828\">-4</font>"), dot);
        assertTrue(dot.contains(">q = 3</font><br/><font color=\"#c62828\">-4</font>"), dot);
        assertTrue(dot.contains(">-4</font><br/><font color=\"#c62828\">3</font>"), dot);
        assertTrue(dot.contains(">f = -12</font><br/><font color=\"#c62828\">1</font>"), dot);
        assertEquals(5, dot.lines().filter(l -> l.contains("->")).count()); // x, y, q, z and the output
        assertTrue(dot.contains("shape=circle, label=\"+\"") && dot.contains("shape=circle, label=\"*\""));
    }

    @Test
    void dotFileIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graph.dot");
        GraphDrawing.render(lectureExample(), file);
        assertEquals(GraphDrawing.toDot(lectureExample()), Files.readString(file));
    }

    @Test
    void svgNeedsGraphviz(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graph.svg");
        if (!GraphDrawing.dotAvailable()) {
            assertThrows(DlkitException.class, () -> GraphDrawing.render(lectureExample(), file));
        }
        assumeTrue(GraphDrawing.dotAvailable(), "Graphviz 'dot' is not installed: SVG rendering skipped");
        GraphDrawing.render(lectureExample(), file);
        String svg = Files.readString(file);
        assertTrue(svg.contains("<svg") && svg.contains("q = 3") && svg.contains("-12"), svg);
    }
}
