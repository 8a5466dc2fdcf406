package org.dlkit.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.dlkit.error.DlkitException;
import org.dlkit.cli.PlotActivationsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ActivationPlotsTest {

    @TempDir
    Path dir;

    @Test
    void writesOneValidPngPerFunction() throws IOException {
        List<Path> files = ActivationPlots.writeAll(dir.resolve("plots"), false);
        assertEquals(Activations.all().size(), files.size());
        for (ActivationFunction f : Activations.all()) {
            Path png = dir.resolve("plots").resolve(f.key() + ".png");
            assertTrue(files.contains(png), png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " is not a readable image");
            assertEquals(ActivationPlots.WIDTH, image.getWidth());
            assertEquals(ActivationPlots.HEIGHT, image.getHeight());
            assertTrue(colours(image) > 5, png + " looks blank");
        }
        try (var listing = Files.list(dir.resolve("plots"))) {
            assertEquals(files.size(), listing.count(), "no temporary files left behind");
        }
    }

    /** Every kink lies inside the plotted x range, so ReLU6's cap at 6 shows (it looked like plain ReLU on ±5). */
    @Test
    void theChartCoversEveryKink() {
        for (ActivationFunction f : Activations.all()) {
            if (!(f instanceof ElementWise e)) {
                continue;
            }
            double[] x = ActivationPlots.chart(f).getSeriesMap().values().iterator().next().getXData();
            for (double kink : e.op().kinks()) {
                assertTrue(x[0] < kink - 1 && x[x.length - 1] > kink + 1, f + ": kink at " + kink + " outside ["
                        + x[0] + ", " + x[x.length - 1] + "]");
            }
        }
        double[] relu6 = ActivationPlots.chart(Activations.RELU6).getSeriesMap().values().iterator().next().getYData();
        assertEquals(6.0, java.util.Arrays.stream(relu6).max().orElseThrow());
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path existing = ActivationPlots.file(dir, Activations.TANH);
        Files.writeString(existing, "mine");
        DlkitException e = assertThrows(DlkitException.class, () -> ActivationPlots.writeAll(dir, false));
        assertTrue(e.getMessage().contains("tanh.png") && e.getMessage().contains("--force"), e.getMessage());
        assertEquals("mine", Files.readString(existing));
        assertEquals(1, Files.list(dir).count(), "nothing written when refusing");

        ActivationPlots.writeAll(dir, true);
        assertNotNull(ImageIO.read(existing.toFile()));
    }

    @Test
    void aFileForTheFolderIsRefusedBeforeAnythingIsDrawn() throws IOException {
        Path file = Files.writeString(dir.resolve("plots"), "mine");
        DlkitException e = assertThrows(DlkitException.class, () -> ActivationPlots.writeAll(file, true));
        assertEquals(file + ": is a file; expected a directory", e.getMessage());
        assertEquals("mine", Files.readString(file));
        assertEquals(1, Files.list(dir).count(), "nothing written beside it");
    }

    @Test
    void commandWritesThePngsAndRefusesASecondRunWithoutForce() throws IOException {
        Path out = dir.resolve("cli");
        CommandLine cli = new CommandLine(new PlotActivationsCommand());
        assertEquals(0, cli.execute("--out", out.toString()));
        byte[] before = Files.readAllBytes(out.resolve("relu.png"));
        // the convention of dlkit's Main: a DlkitException exits with code 2
        cli = new CommandLine(new PlotActivationsCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> ex instanceof DlkitException ? 2 : 1);
        assertEquals(2, cli.execute("--out", out.toString()));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("relu.png")));
        assertEquals(0, new CommandLine(new PlotActivationsCommand()).execute("--out", out.toString(), "--force"));
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 4) {
            for (int y = 0; y < image.getHeight(); y += 4) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
