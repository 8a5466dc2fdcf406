package org.dlkit.autodiff;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Draws a computational graph the way the lecture does (card 5): inputs on the left, one circle per op, and on every
 * edge the forward value above (green) and the gradient flowing back below (red).
 *
 * <p>{@link #toDot} needs nothing; {@link #render} writes {@code .dot} directly and {@code .svg} / {@code .png}
 * through Graphviz's {@code dot} command (Debian package {@code graphviz}) when it is installed.
 */
public final class GraphDrawing {

    /** The drawing formats, by file extension: DOT itself ({@code dot}, {@code gv}) or what Graphviz renders it to. */
    public static final List<String> FORMATS = List.of("dot", "gv", "svg", "png", "pdf");

    private static final String VALUE_COLOUR = "#2e7d32";
    private static final String GRADIENT_COLOUR = "#c62828";

    private GraphDrawing() {
    }

    /** The graph below {@code root} in Graphviz DOT; call after {@link Node#backward()} to see the gradients. */
    public static String toDot(Node root) {
        List<Node> nodes = root.allNodes();
        Map<Node, String> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder("digraph autodiff {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=11];\n");
        for (Node n : nodes) {
            String id = "n" + ids.size();
            ids.put(n, id);
            if (n.inputs().isEmpty()) {
                dot.append("  ").append(id).append(" [shape=plaintext, label=\"").append(quote(nameOf(n)))
                        .append("\"];\n");
            } else {
                dot.append("  ").append(id).append(" [shape=circle, label=\"").append(quote(n.op())).append("\"];\n");
            }
        }
        for (Node n : nodes) {
            for (Node in : n.inputs()) {
                edge(dot, ids.get(in), ids.get(n), in);
            }
        }
        dot.append("  out [shape=plaintext, label=\"").append(quote(nameOf(root))).append("\"];\n");
        edge(dot, ids.get(root), "out", root);
        return dot.append("}\n").toString();
    }

    /**
     * Writes the drawing to {@code file}: DOT for {@code .dot}, otherwise the format named by the extension
     * ({@code svg}, {@code png}) rendered by Graphviz. The file is written to a temporary sibling and moved into
     * place.
     *
     * @throws DlkitException when Graphviz is needed but missing, or it fails
     */
    public static void render(Node root, Path file) {
        String name = file.getFileName().toString();
        String format = formatOf(file);
        String dot = toDot(root);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            // a sibling (same file system, so the move is atomic) created with the usual permissions
            Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            try {
                if (format.equals("dot") || format.equals("gv")) {
                    Files.writeString(tmp, dot);
                } else {
                    runDot(dot, format, tmp);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DlkitException("cannot write graph drawing " + file + ": " + e.getMessage(), e);
        }
    }

    /** The format {@code file}'s name names: what follows its last '.', in lower case. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether Graphviz's {@code dot} command can be run. */
    public static boolean dotAvailable() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void runDot(String dot, String format, Path out) throws IOException {
        if (!dotAvailable()) {
            throw new DlkitException("drawing " + out.getFileName() + " as " + format
                    + " needs Graphviz's 'dot' on the PATH (Debian: apt-get install graphviz); write a .dot file instead");
        }
        Process p = new ProcessBuilder("dot", "-T" + format, "-o", out.toString()).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new DlkitException("Graphviz 'dot -T" + format + "' failed: "
                        + messages.replaceAll("\\s*\\R\\s*", "; "));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DlkitException("interrupted while running Graphviz", e);
        }
    }

    /** An edge carrying {@code from}'s value above and its gradient below. */
    private static void edge(StringBuilder dot, String from, String to, Node carried) {
        String value = (carried.label().isEmpty() || carried.inputs().isEmpty() ? "" : carried.label() + " = ")
                + format(carried.value().data);
        dot.append("  ").append(from).append(" -> ").append(to).append(" [label=<<font color=\"")
                .append(VALUE_COLOUR).append("\">").append(html(value)).append("</font>");
        if (carried.grad != null) {
            dot.append("<br/><font color=\"").append(GRADIENT_COLOUR).append("\">").append(html(format(carried.grad)))
                    .append("</font>");
        }
        dot.append(">];\n");
    }

    private static String nameOf(Node n) {
        return n.label().isEmpty() ? (n.inputs().isEmpty() ? "leaf" : "out") : n.label();
    }

    /** A scalar as 3 significant digits; a short vector in full; anything larger by its size. */
    static String format(double[] values) {
        if (values.length == 1) {
            return number(values[0]);
        }
        if (values.length <= 4) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < values.length; i++) {
                s.append(i == 0 ? "" : ", ").append(number(values[i]));
            }
            return s.append(']').toString();
        }
        double sq = 0;
        for (double v : values) {
            sq += v * v;
        }
        return values.length + " values, ‖·‖ " + number(Math.sqrt(sq));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
