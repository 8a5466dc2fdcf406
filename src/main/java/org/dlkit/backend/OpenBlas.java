package org.dlkit.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The BLAS that ND4J's matrix products run on: a current OpenBLAS loaded before ND4J starts, with ND4J's bundled one
 * as the fallback. No environment variable is needed.
 *
 * <p>ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which predates current CPUs: SGEMM 1024³ at one thread reached 15–30
 * GFLOP/s with its own CPU detection on the build machines, 47 with Haswell kernels forced. The build unpacks
 * {@code libopenblas.so.0} and its neighbours ({@code libgfortran.so.5}, {@code libquadmath.so.0},
 * {@code libgcc_s.so.1}) of {@code org.bytedeco:openblas:}{@value #VERSION}{@code :linux-x86_64} into dlkit's classes;
 * {@link #preload()} extracts them to the JavaCPP cache and loads {@code libopenblas.so.0} with global symbols.
 * {@code libnd4jcpu.so} and JavaCPP's {@code libjniopenblas_nolapack.so} need {@code libopenblas.so.0} by soname, and
 * the dynamic linker resolves their BLAS symbols in the global scope first, so every matrix product of ND4J then runs
 * on the current library (60–75 GFLOP/s at one thread there), and the bundled copy JavaCPP still loads stays unused.
 * It must happen before ND4J's first call; {@link Backends#select} does it for the CPU backend.
 *
 * <p>The bundled BLAS stays in use when the platform is not linux-x86_64, when the build has no unpacked library,
 * when extracting or loading fails (the reason is kept for {@code dlkit env}), when ND4J had already started, or when
 * the system property {@code dlkit.blas=bundled} asks for it (to compare the two).
 */
public final class OpenBlas {

    /** The version of {@code org.bytedeco:openblas} the build unpacks (OpenBLAS version - JavaCPP version). */
    static final String VERSION = "0.3.31-1.5.13";

    /** Where the build puts the library among dlkit's classes. */
    private static final String RESOURCES = "/org/dlkit/backend/openblas/";

    /** Loaded in this order: each one's dependencies first (the system's copies are used where already loaded). */
    private static final List<String> FILES = List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5",
            "libopenblas.so.0");

    /** The kernel sets of OpenBLAS's DYNAMIC_ARCH build for x86-64, as its {@code gotoblas_<CORE>} symbols name them. */
    private static final List<String> CORES = List.of("SAPPHIRERAPIDS", "COOPERLAKE", "SKYLAKEX", "ZEN", "HASWELL",
            "SANDYBRIDGE", "EXCAVATOR", "STEAMROLLER", "PILEDRIVER", "BULLDOZER", "NEHALEM", "BARCELONA", "CORE2",
            "PRESCOTT", "ATHLON", "NORTHWOOD", "BANIAS", "COPPERMINE", "KATMAI");

    /**
     * What runs.
     *
     * @param library the OpenBLAS in use: dlkit's or ND4J's bundled one
     * @param path    its file, when known
     * @param kernels the kernel set OpenBLAS chose for this CPU (e.g. {@code COOPERLAKE}), or why it is not known
     * @param why     why this library and not the other
     */
    public record Status(String library, String path, String kernels, String why) {

        /** True when dlkit's newer OpenBLAS runs ND4J's matrix products. */
        public boolean current() {
            return library.startsWith("OpenBLAS " + VERSION.substring(0, VERSION.indexOf('-')));
        }

        /** {@code OpenBLAS 0.3.31 (COOPERLAKE kernels): why}. */
        public String line() {
            return library + " (" + kernels + " kernels): " + why;
        }
    }

    private static Status status;

    private OpenBlas() {
    }

    /**
     * Loads dlkit's OpenBLAS unless it is loaded already, ND4J has started, or the fallback applies; never throws.
     * Call it before ND4J's first call. Returns what runs.
     */
    public static synchronized Status preload() {
        if (status == null) {
            status = load();
        }
        return status;
    }

    /** What {@link #preload} decided, without loading anything; empty before it ran. */
    public static synchronized Optional<Status> status() {
        return Optional.ofNullable(status);
    }

    private static Status load() {
        String bundled = "OpenBLAS 0.3.19 (bundled with ND4J)";
        if ("bundled".equals(System.getProperty("dlkit.blas"))) {
            return bundled(bundled, "-Ddlkit.blas=bundled");
        }
        if (!"linux-x86_64".equals(Loader.getPlatform())) {
            return bundled(bundled, "dlkit's OpenBLAS is built for linux-x86_64, this is " + Loader.getPlatform());
        }
        if (OpenBlas.class.getResource(RESOURCES + "libopenblas.so.0") == null) {
            return bundled(bundled, "this build has no " + RESOURCES + "libopenblas.so.0 (built without the unpack "
                    + "step of pom.xml)");
        }
        if (loadedLibrary("libnd4jcpu.so").isPresent()) {
            return bundled(bundled, "ND4J had started before dlkit could load its OpenBLAS (call Backends.select "
                    + "or OpenBlas.preload before the first ND4J call)");
        }
        try {
            Path dir = extract();
            Loader.load(org.bytedeco.javacpp.presets.javacpp.class);
            Path library = dir.resolve("libopenblas.so.0");
            Loader.loadGlobal(library.toString());
            return new Status("OpenBLAS " + VERSION.substring(0, VERSION.indexOf('-')), library.toString(),
                    kernels(), "dlkit's, from org.bytedeco:openblas:" + VERSION + ", loaded before ND4J");
        } catch (IOException | UncheckedIOException | LinkageError | SecurityException e) {
            return bundled(bundled, "loading dlkit's OpenBLAS failed: " + e);
        }
    }

    private static Status bundled(String library, String why) {
        return new Status(library, loadedLibrary("libopenblas.so.0").orElse(null),
                "its own CPU detection" + coreTypeOverride(), why + "; ND4J's bundled OpenBLAS runs");
    }

    private static String coreTypeOverride() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return forced == null || forced.isBlank() ? "" : ", OPENBLAS_CORETYPE=" + forced.strip();
    }

    /**
     * The kernel set OpenBLAS chose: the {@code gotoblas_<CORE>} table its {@code gotoblas} pointer points to (the
     * same comparison its {@code gotoblas_corename()} makes).
     */
    static String kernels() {
        Pointer chosen = Loader.addressof("gotoblas");
        if (chosen == null) {
            return "unknown";
        }
        long table = new LongPointer(chosen).get();
        for (String core : CORES) {
            Pointer candidate = Loader.addressof("gotoblas_" + core);
            if (candidate != null && candidate.address() == table) {
                return core + coreTypeOverride();
            }
        }
        return "unknown";
    }

    /** Extracts the files into the JavaCPP cache (once; a complete file is never rewritten), returns the folder. */
    private static Path extract() throws IOException {
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString());
        Path dir = Path.of(cache, "dlkit-openblas-" + VERSION);
        Files.createDirectories(dir);
        for (String name : FILES) {
            URL resource = OpenBlas.class.getResource(RESOURCES + name);
            if (resource == null) {
                throw new IOException("missing resource " + RESOURCES + name);
            }
            URLConnection connection = resource.openConnection();
            Path target = dir.resolve(name);
            if (Files.isRegularFile(target) && Files.size(target) == connection.getContentLengthLong()) {
                continue;
            }
            Path partial = Files.createTempFile(dir, name, ".partial");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return dir;
    }

    /** The file of a loaded shared library whose name starts with {@code name}, read from /proc/self/maps. */
    static Optional<String> loadedLibrary(String name) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.startsWith("/") && Path.of(file).getFileName().toString()
                            .toLowerCase(Locale.ROOT).startsWith(name))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
