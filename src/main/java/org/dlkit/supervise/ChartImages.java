package org.dlkit.supervise;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/** Draws {@link TrainingCharts}' charts into PNG bytes, the panels on all cores at once. */
final class ChartImages {

    private ChartImages() {
    }

    /**
     * The PNGs of {@code figures}, each a list of panels drawn two per row (one panel: the chart alone), in the order
     * given. Every panel is drawn into its own image and every PNG encoded on its own thread, as many at once as
     * there are cores: drawing thousands of anti-aliased line segments is the slow part, and the panels do not
     * depend on each other.
     */
    static List<byte[]> pngs(List<List<XYChart>> figures) throws IOException {
        List<XYChart> panels = figures.stream().flatMap(List::stream).toList();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(panels.size(), Runtime.getRuntime().availableProcessors())), DAEMONS);
        try {
            List<BufferedImage> images = all(pool, panels.stream()
                    .<Callable<BufferedImage>>map(chart -> () -> BitmapEncoder.getBufferedImage(chart)).toList());
            List<Callable<byte[]>> encodings = new ArrayList<>();
            int first = 0;
            for (List<XYChart> figure : figures) {
                List<BufferedImage> own = images.subList(first, first + figure.size());
                encodings.add(() -> png(grid(own)));
                first += figure.size();
            }
            return all(pool, encodings);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final ThreadFactory DAEMONS = task -> {
        Thread t = new Thread(task, "dlkit-charts");
        t.setDaemon(true);
        return t;
    };

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) throws IOException {
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the charts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return results;
    }

    /** The panels two per row, row by row, on one image (one panel: that image). */
    private static BufferedImage grid(List<BufferedImage> panels) {
        if (panels.size() == 1) {
            return panels.get(0);
        }
        int width = panels.get(0).getWidth();
        int height = panels.get(0).getHeight();
        BufferedImage grid = new BufferedImage(2 * width, (panels.size() + 1) / 2 * height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), i % 2 * width, i / 2 * height, null);
        }
        g.dispose();
        return grid;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
