package org.dlkit.cuda;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds libcudart and libcublas where users install them, in this order: {@code DLKIT_CUDA_LIBS} (a path list), the
 * CUDA toolkit ({@code CUDA_HOME}, {@code CUDA_PATH}, /usr/local/cuda, /usr/local/cuda-*, /opt/cuda), the
 * directories of {@code LD_LIBRARY_PATH}, and the {@code nvidia/*}{@code /lib} folders of Python environments
 * (pip's nvidia-cublas-cu12, nvidia-cuda-runtime-cu12, the cu13 wheels, and the libraries PyTorch's wheels pull in):
 * the active virtual or conda environment, the user's and the system's site-packages, and finally the
 * site-packages of the {@code python3} on the PATH. The driver's libcuda.so.1 comes with the NVIDIA driver and is
 * loaded by name through the dynamic linker; the libraries follow it: of the majors found, the newest the driver runs
 * ({@link #cublasFor}).
 */
final class CudaLibraries {

    /** Versions tried, newest first (the newest one the driver runs is taken: {@link #cublasFor}). */
    static final List<String> MAJORS = List.of("13", "12", "11");

    private CudaLibraries() {
    }

    /** The directories searched, in order, for {@code env} (the process environment) and {@code home}. */
    static List<Path> searchPath(Map<String, String> env, Path home, boolean askPython) {
        Set<Path> dirs = new LinkedHashSet<>();
        pathList(env.get("DLKIT_CUDA_LIBS")).forEach(dirs::add);
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            if (env.get(var) != null) {
                toolkit(Path.of(env.get(var)), dirs);
            }
        }
        toolkit(Path.of("/usr/local/cuda"), dirs);
        glob(Path.of("/usr/local"), "cuda-*").forEach(p -> toolkit(p, dirs));
        toolkit(Path.of("/opt/cuda"), dirs);
        pathList(env.get("LD_LIBRARY_PATH")).forEach(dirs::add);
        List<Path> sitePackages = new ArrayList<>();
        for (String var : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            if (env.get(var) != null) {
                pythonLibs(Path.of(env.get(var), "lib"), sitePackages);
            }
        }
        pythonLibs(home.resolve(".local/lib"), sitePackages);
        for (Path root : List.of(Path.of("/usr/local/lib"), Path.of("/usr/lib"), Path.of("/opt/conda/lib"))) {
            pythonLibs(root, sitePackages);
        }
        glob(home.resolve(".pyenv/versions"), "*").forEach(v -> pythonLibs(v.resolve("lib"), sitePackages));
        if (askPython && sitePackages.stream().noneMatch(p -> Files.isDirectory(p.resolve("nvidia")))) {
            sitePackages.addAll(askPython());
        }
        for (Path site : sitePackages) {
            glob(site.resolve("nvidia"), "*").forEach(p -> dirs.add(p.resolve("lib")));
            dirs.add(site.resolve("torch/lib"));
        }
        return dirs.stream().filter(Files::isDirectory).toList();
    }

    /** The first {@code lib<name>.so.<major>} in {@code dirs} (in order; newest major first within a folder). */
    static Optional<Path> find(String name, List<Path> dirs) {
        for (Path dir : dirs) {
            for (String major : MAJORS) {
                Path p = dir.resolve("lib" + name + ".so." + major);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first {@code lib<name>.so.<major>} of exactly that major (cudart to match cuBLAS: a runtime of another
     * major would not fit cuBLAS, or not the driver).
     */
    static Optional<Path> find(String name, String major, List<Path> dirs) {
        return dirs.stream().map(d -> d.resolve("lib" + name + ".so." + major)).filter(Files::isRegularFile)
                .findFirst();
    }

    /**
     * Where to look for the libcudart that goes with {@code cublas}: its own folder (a toolkit's lib64, the cu13
     * wheels' nvidia/cu13/lib), then the nvidia/cuda_runtime/lib beside pip's nvidia/cublas/lib, then {@code dirs}; so
     * the runtime comes from cuBLAS's own installation before another of the same major found earlier in the search.
     */
    static List<Path> runtimeSearchPath(Path cublas, List<Path> dirs) {
        Set<Path> out = new LinkedHashSet<>();
        Path own = cublas.getParent();
        out.add(own);
        if (own.getParent() != null && own.getParent().getParent() != null) {
            out.add(own.getParent().getParent().resolve("cuda_runtime/lib"));
        }
        out.removeIf(dir -> !Files.isDirectory(dir));
        out.addAll(dirs);
        return List.copyOf(out);
    }

    /** "12" of ".../libcublas.so.12". */
    static String major(Path library) {
        String f = library.getFileName().toString();
        return f.substring(f.lastIndexOf('.') + 1);
    }

    /** The folders of {@code DLKIT_CUDA_LIBS} (the user's explicit choice) that exist. */
    static List<Path> chosenByUser(Map<String, String> env) {
        return pathList(env.get("DLKIT_CUDA_LIBS")).stream().filter(Files::isDirectory).toList();
    }

    /**
     * Whether a runtime of CUDA major {@code major} runs on a driver of {@code driverVersion} (cuDriverGetVersion:
     * 12040 for CUDA 12.4): it needs a driver for CUDA major.0 or newer; minor-version compatibility lets any 12.x
     * runtime run on any 12.x driver (likewise 11.x, 13.x), so the driver's minor does not matter.
     */
    static boolean runs(String major, int driverVersion) {
        return driverVersion >= Integer.parseInt(major) * 1000;
    }

    /**
     * The libcublas for a driver of {@code driverVersion}: the newest major that driver runs, from the first folder
     * that has it. The folders of {@code DLKIT_CUDA_LIBS} ({@code userDirs}) win when they hold any libcublas; else
     * {@code dirs}, the whole search path. When only libraries too new for the driver exist there, one line names
     * the driver's CUDA version, the libraries found and the way out, instead of cudaSetDevice's status 35 later.
     */
    static Path cublasFor(int driverVersion, List<Path> userDirs, List<Path> dirs) {
        boolean user = !all("cublas", userDirs).isEmpty();
        List<Path> found = all("cublas", user ? userDirs : dirs);
        for (String major : MAJORS) {
            if (runs(major, driverVersion)) {
                Optional<Path> fits = found.stream().filter(p -> major(p).equals(major)).findFirst();
                if (fits.isPresent()) {
                    return fits.get();
                }
            }
        }
        if (found.isEmpty()) {
            return require("cublas", null, dirs, "nvidia-cublas-cu" + driverVersion / 1000);
        }
        throw tooNew(driverVersion, found, user);
    }

    /** The one line for libraries {@code found} (newest first), all too new for a driver of {@code driverVersion}. */
    private static DlkitException tooNew(int driverVersion, List<Path> found, boolean user) {
        int cuda = driverVersion / 1000;
        return new DlkitException("the CUDA libraries " + (user ? "in DLKIT_CUDA_LIBS" : "dlkit found")
                + " are too new for this NVIDIA driver, which supports CUDA " + PtxDriver.version(driverVersion)
                + ": " + found + " need a driver for CUDA " + major(found.get(0)) + ".0 or newer; install the CUDA "
                + cuda + " libraries (pip install nvidia-cublas-cu" + cuda + " nvidia-cuda-runtime-cu" + cuda
                + ", or a CUDA " + cuda + " toolkit) and " + (user ? "point DLKIT_CUDA_LIBS at their folder"
                : "set DLKIT_CUDA_LIBS to their folder if dlkit does not find them") + ", or update the NVIDIA driver");
    }

    /** Every {@code lib<name>.so.<major>} in {@code dirs} (majors of {@link #MAJORS}), in search order. */
    static List<Path> all(String name, List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            for (String major : MAJORS) {
                Path p = dir.resolve("lib" + name + ".so." + major);
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * The first {@code lib<name>.so.<major>} in {@code dirs} ({@code major} null: any of {@link #MAJORS}), or a
     * message naming the pip package and the directories searched.
     */
    static Path require(String name, String major, List<Path> dirs, String pipPackage) {
        return (major == null ? find(name, dirs) : find(name, major, dirs)).orElseThrow(() -> new DlkitException(
                "lib" + name + ".so" + (major == null ? "" : "." + major)
                + " is not installed where dlkit looks: install the CUDA toolkit, or pip install " + pipPackage
                + " (or PyTorch), or set DLKIT_CUDA_LIBS to its folder; searched "
                + (dirs.isEmpty() ? "no existing folder" : dirs)));
    }

    private static void toolkit(Path root, Set<Path> dirs) {
        dirs.add(root.resolve("lib64"));
        dirs.add(root.resolve("targets/x86_64-linux/lib"));
        dirs.add(root.resolve("lib"));
    }

    private static List<Path> pathList(String list) {
        List<Path> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(":")) {
                if (!s.isBlank()) {
                    out.add(Path.of(s));
                }
            }
        }
        return out;
    }

    /** site-packages and dist-packages of every python3.* under {@code lib}. */
    private static void pythonLibs(Path lib, List<Path> out) {
        for (Path python : glob(lib, "python3*")) {
            out.add(python.resolve("site-packages"));
            out.add(python.resolve("dist-packages"));
        }
    }

    private static List<Path> glob(Path dir, String pattern) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, pattern)) {
            entries.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** The site-packages folders of the python3 on the PATH, if there is one (asked once, 10 s at most). */
    private static List<Path> askPython() {
        List<Path> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import site,sys; print('\\n'.join(site.getsitepackages() + [site.getusersitepackages()]))")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes());
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                text.lines().filter(l -> !l.isBlank()).forEach(l -> out.add(Path.of(l.trim())));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            return out;
        }
        return out;
    }
}
