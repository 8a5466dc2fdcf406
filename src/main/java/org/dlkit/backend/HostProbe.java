package org.dlkit.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@link HostFacts} from the classpath and the machine, without loading ND4J or any native library: service
 * entries and resources on the classpath, {@code nvidia-smi}, {@code ldconfig -p} and the usual library
 * directories.
 */
final class HostProbe {

    private static final String BACKEND_SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    /** Where the dynamic linker and the usual NVIDIA / CUDA installs keep libraries (besides the ld.so cache). */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/nvidia/lib64",
            "/usr/lib/wsl/lib");

    private static final long TIMEOUT_SECONDS = 20;
    private static final int TIMED_OUT_EXIT = 124;

    private final String smiCommand;
    private final ClassLoader classLoader;
    private final Map<String, String> environment;

    /** Probes with {@code nvidia-smi} from the PATH, this class's class loader and the process environment. */
    HostProbe() {
        this("nvidia-smi", HostProbe.class.getClassLoader(), System.getenv());
    }

    HostProbe(String smiCommand, ClassLoader classLoader, Map<String, String> environment) {
        this.smiCommand = smiCommand;
        this.classLoader = classLoader;
        this.environment = environment;
    }

    HostFacts read() {
        List<String> searchPath = librarySearchPath();
        Map<String, String> ldCache = ldCache();
        Map<String, String> cudaLibraries = new LinkedHashMap<>();
        for (String library : CudaBuild.LIBRARIES) {
            String found = find(library, ldCache, searchPath);
            if (found != null) {
                cudaLibraries.put(library, found);
            }
        }
        return new HostFacts(backendsInBuild(), find(CudaBuild.DRIVER_LIBRARY, ldCache, searchPath), nvidiaSmi(),
                cudaLibraries, redistOnClasspath(), searchPath, environment.get("CUDA_VISIBLE_DEVICES"),
                priorities());
    }

    /** The backends named by {@code Nd4jBackend} service entries on the classpath: what ND4J's ServiceLoader sees. */
    Set<Backend> backendsInBuild() {
        Set<Backend> backends = EnumSet.noneOf(Backend.class);
        try {
            for (URL entry : Collections.list(classLoader.getResources(BACKEND_SERVICE))) {
                try (InputStream in = entry.openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                        Backend backend = Backend.ofNd4jClass(line.replaceAll("#.*", "").strip());
                        if (backend != null) {
                            backends.add(backend);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BACKEND_SERVICE + " from the classpath", e);
        }
        return backends;
    }

    private boolean redistOnClasspath() {
        return CudaBuild.LIBRARIES.stream()
                .allMatch(library -> classLoader.getResource(CudaBuild.REDIST_DIRECTORY + library) != null);
    }

    /** ND4J's priorities: its defaults unless the environment variables it reads say otherwise. */
    private Map<Backend, Integer> priorities() {
        Map<Backend, Integer> priorities = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            String value = environment.get(backend.priorityVariable());
            int priority = backend.defaultPriority();
            if (value != null && value.strip().matches("-?[0-9]+")) {
                priority = Integer.parseInt(value.strip());
            }
            priorities.put(backend, priority);
        }
        return priorities;
    }

    /** LD_LIBRARY_PATH, java.library.path, the CUDA toolkit directories, then the system directories. */
    private List<String> librarySearchPath() {
        Set<String> directories = new LinkedHashSet<>();
        for (String list : new String[] {environment.get("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (list != null) {
                for (String directory : list.split(":")) {
                    if (!directory.isBlank()) {
                        directories.add(directory);
                    }
                }
            }
        }
        directories.addAll(CudaBuild.TOOLKIT_DIRECTORIES);
        directories.addAll(SYSTEM_DIRECTORIES);
        return new ArrayList<>(directories);
    }

    private static String find(String library, Map<String, String> ldCache, List<String> searchPath) {
        for (String directory : searchPath) {
            Path candidate = Path.of(directory, library);
            if (Files.exists(candidate)) {
                return candidate.toString();
            }
        }
        return ldCache.get(library);
    }

    /** {@code ldconfig -p}: the 64-bit libraries the dynamic linker knows, by name. Empty when ldconfig fails. */
    private static Map<String, String> ldCache() {
        Map<String, String> libraries = new LinkedHashMap<>();
        for (String ldconfig : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"}) {
            Result result = execute(List.of(ldconfig, "-p"));
            if (result.exitCode() == 0) {
                for (String line : result.output().split("\\R")) {
                    // "	libcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1"
                    int arrow = line.indexOf("=>");
                    if (arrow > 0 && line.contains("x86-64")) {
                        libraries.putIfAbsent(line.substring(0, line.indexOf('(')).strip(),
                                line.substring(arrow + 2).strip());
                    }
                }
                break;
            }
        }
        return libraries;
    }

    private SmiOutput nvidiaSmi() {
        Result result = execute(List.of(smiCommand, "--query-gpu=" + SmiOutput.QUERY, "--format=csv,noheader"));
        if (result.exitCode() == SmiOutput.NOT_INSTALLED_EXIT) {
            return SmiOutput.notInstalled();
        }
        if (result.exitCode() != 0 && result.output().contains("compute_cap")) { // driver before 510
            Result older = execute(List.of(smiCommand, "--query-gpu=" + SmiOutput.QUERY_BEFORE_510,
                    "--format=csv,noheader"));
            return new SmiOutput(older.exitCode(), older.output(), false);
        }
        return new SmiOutput(result.exitCode(), result.output(), true);
    }

    private record Result(int exitCode, String output) {
    }

    /**
     * Runs a command, stdout and stderr together into a temporary file (so a hung command cannot block the read);
     * exit code -1 when it cannot be started, 124 when it does not finish in time.
     */
    private static Result execute(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("dlkit-probe", ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(TIMED_OUT_EXIT, command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(SmiOutput.NOT_INSTALLED_EXIT, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(SmiOutput.NOT_INSTALLED_EXIT, "");
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
