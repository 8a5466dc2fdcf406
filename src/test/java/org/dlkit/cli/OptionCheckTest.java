package org.dlkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.dlkit.cli.BadInputTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad option values, empty paths and conflicting options of every command: one line naming the option and what was
 * expected, exit code 2, no stack trace, and nothing written. All of them are refused before any training.
 */
class OptionCheckTest {

    private static final String IRIS = "datasets/iris.csv";
    private static final String IMAGES = "datasets/mnist-images";

    @TempDir
    static Path dir;

    static Stream<Arguments> badOptions() {
        return Stream.of(
                // empty paths would mean the working directory
                bad("'--data': '' is empty; expected a file or directory name", "train", "--data", ""),
                bad("'--images': '' is empty; expected a file or directory name", "train", "--images", ""),
                bad("'--resume': '' is empty; expected a file or directory name", "train", "--resume", ""),
                bad("'--model': '' is empty; expected a file or directory name", "evaluate", "--model", "", "--data", IRIS),
                bad("'--json': '' is empty; expected a file or directory name", "evaluate", "--model", "m", "--data", IRIS, "--json", ""),
                bad("'--out': '' is empty; expected a file or directory name", "plot", "activations", "--out", ""),
                bad("'--plot': '' is empty; expected a file or directory name", "gradient-descent", "--plot", ""),
                bad("'--draw': '' is empty; expected a file or directory name", "gradcheck", "--draw", ""),
                // values picocli cannot convert: one line, with where the usage is
                bad("'--batch-size': '99999999999' is not an int (see 'dlkit train --help')",
                        "train", "--batch-size", "99999999999"),
                bad("'--seed': '99999999999999999999' is not a long", "train", "--seed", "99999999999999999999"),
                bad("'--epochs': '1.5' is not an int", "train", "--epochs", "1.5"),
                bad("Unknown options: '--epoch', '3'; did you mean --epochs?", "train", "--epoch", "3"),
                bad("Missing required option: '--model=DIR'", "evaluate", "--data", IRIS),
                bad("Missing required subcommand; the commands are: train, evaluate, predict, explain, plot, "
                        + "init-experiment, gradient-descent, gradcheck, env, bench (see 'dlkit --help')", new String[0]),
                bad("Unmatched argument at index 0: 'evaluat'; did you mean evaluate?", "evaluat"),
                bad("Missing required subcommand; the commands are: activations (see 'dlkit plot --help')", "plot"),
                bad("expected auto, dl4j or dlkit, got 'fast'", "train", "--engine", "fast"),
                bad("expected auto, cpu or cuda, got 'tpu'", "env", "--backend", "tpu"),
                // numbers out of range, named by their option
                bad("--batch-size: mini-batch size 0 is invalid", "train", "--batch-size", "0"),
                bad("--l2: l2 -1.0 is invalid; expected a finite number >= 0", "train", "--l2", "-1"),
                bad("--l2: l2 NaN is invalid", "train", "--l2", "NaN"),
                bad("--test-fraction: test fraction 0.0 is invalid; expected a value above 0 and below 1",
                        "train", "--test-fraction", "0"),
                bad("--test-fraction: test fraction 1.0 is invalid", "train", "--test-fraction", "1"),
                bad("--validation-fraction: validation fraction 1.0 is invalid", "train", "--validation-fraction", "1"),
                bad("--patience: patience -1 is invalid", "train", "--patience", "-1"),
                bad("--min-delta: min delta -0.01 is invalid; expected 0 or a positive number", "train", "--min-delta",
                        "-0.01"),
                bad("--keep-checkpoints: checkpoints to keep 0 is invalid", "train", "--keep-checkpoints", "0"),
                bad("--diagnostics-every: diagnostics interval -3 is invalid", "train", "--diagnostics-every", "-3"),
                bad("--checkpoint-every 0 is invalid", "train", "--checkpoint-every", "0"),
                bad("--learning-rate Infinity is invalid", "explain", "--learning-rate", "1e400"),
                bad("--hidden: hidden layer size 0 is invalid", "explain", "--hidden", "32,0"),
                bad("--ui-port -1 is invalid; expected a port from 1 to 65535, or 0 for any free port", "train",
                        "--ui", "--ui-port", "-1"),
                bad("--image-size: image size '0x0' is invalid; expected HEIGHTxWIDTH with sides of 1 to 9999",
                        "train", "--images", IMAGES, "--image-size", "0x0"),
                bad("--image-size: image size '28x' is invalid", "train", "--images", IMAGES, "--image-size", "28x"),
                bad("--warmup: expected a time from 0 to 86400 s, got -1.0", "bench", "--throughput", "--warmup", "-1"),
                bad("--warmup: expected a time from 0 to 86400 s, got NaN", "bench", "--throughput", "--warmup", "NaN"),
                bad("--seconds: expected a time above 0 and at most 86400 s, got 1.0E300",
                        "bench", "--throughput", "--seconds", "1e300"),
                // unknown names list the valid ones
                bad("--gradient-descent: gradient-descent mode 'fast' is unknown; expected batch, stochastic or "
                        + "mini-batch", "train", "--gradient-descent", "fast"),
                bad("--weight-init: unknown weight init 'bogus': expected one of zero (zeros), small_random (small), "
                        + "xavier (glorot, glorot_normal", "train", "--weight-init", "bogus"),
                bad("expected rule-of-thumb, leaky-relu, elu or an activation, one of sigmoid, tanh, relu",
                        "train", "--activation", "bogus"),
                bad("--updater: unknown updater 'adamw': expected one of adam, sgd, nesterovs", "train", "--updater", "adamw"),
                bad("--loss: unknown value 'hinge2'; one of [mse, l1, xent, mcxent", "gradcheck", "--loss", "hinge2"),
                bad("--rows 2000000000: the loaded table and its training copy need about", "bench", "--no-cli",
                        "--rows", "2000000000"),
                // a folder for a file and the other way round
                bad("--data datasets: is a directory; expected a CSV file (a folder of images goes to --images)",
                        "train", "--data", "datasets"),
                bad("--images datasets/iris.csv: is a file; expected a folder of images", "explain", "--images", IRIS),
                bad("--data datasets: is a directory", "predict", "--model", "m", "--data", "datasets"),
                bad("--data datasets: is a directory", "gradcheck", "--data", "datasets"),
                bad("--images datasets/iris.csv: is a file", "evaluate", "--model", "m", "--images", IRIS),
                // conflicting options are refused, not ignored
                bad("--data and --images both given; choose one", "train", "--data", IRIS, "--images", IMAGES),
                bad("--image-size applies to --images DIR, not to a CSV", "train", "--image-size", "8x8"),
                bad("--categorical applies to --data CSV, not to --images", "train", "--images", IMAGES,
                        "--categorical", "a"),
                bad("--label applies to --data CSV; with --images the classes are the sub-folders",
                        "explain", "--images", IMAGES, "--label", "x"),
                bad("--delimiter applies to --data CSV, not to --images", "train", "--images", IMAGES,
                        "--delimiter", ";"),
                bad("--decimal-comma applies to --data CSV, not to --images", "evaluate", "--model", "m", "--images",
                        IMAGES, "--decimal-comma"),
                bad("--image-size applies to --images DIR", "gradient-descent", "--image-size", "8x8"),
                bad("--batch-size applies to --gradient-descent mini-batch; batch gradient descent uses all "
                        + "training rows per update", "train", "--gradient-descent", "batch", "--batch-size", "7"),
                bad("--batch-size applies to --gradient-descent mini-batch", "explain", "--gradient-descent",
                        "stochastic", "--batch-size", "7"),
                bad("--ui-port needs --ui", "train", "--ui-port", "9001"),
                bad("--patience needs a validation part to watch; --validation-fraction 0 turns early stopping off",
                        "train", "--validation-fraction", "0", "--patience", "5"),
                bad("--ui-exit needs --ui", "train", "--ui-exit"),
                bad("cannot apply --out", "train", "--resume", "run", "--out", "elsewhere"),
                bad("Unknown options: '--categorical', 'a'", "evaluate", "--model", "m", "--data", IRIS,
                        "--categorical", "a"),
                bad("Unknown options: '--image-size', '8x8'", "evaluate", "--model", "m", "--images", IMAGES,
                        "--image-size", "8x8"),
                bad("--data and --images both given; choose one", "predict", "--model", "m", "--data", IRIS,
                        "--images", IMAGES),
                bad("no data given; expected --data CSV or --images DIR", "predict", "--model", "m"),
                // before the model is loaded and ND4J started, as predict does
                bad("no data given; expected --data CSV or --images DIR", "evaluate", "--model", "m"),
                bad("--hidden describes a new network, but --model checks the saved one as it is",
                        "gradcheck", "--model", "m", "--hidden", "3"),
                bad("--loss describes a new network", "gradcheck", "--model", "m", "--loss", "mse"),
                bad("graph.json: expected a file ending in .dot, .gv, .svg, .png, .pdf",
                        "gradcheck", "--draw", "graph.json"),
                bad("--json applies to the full benchmark, not to --throughput (which prints examples/s only)",
                        "bench", "--throughput", "--json", "bench.json"),
                bad("--rows applies to the full benchmark, not to dlkit's engine benchmark", "bench", "--engine",
                        "dlkit", "--backend", "cpu", "--rows", "500"),
                bad("--seconds applies to --throughput and to dlkit's engine benchmark (--engine dlkit), not to the "
                        + "full benchmark", "bench", "--seconds", "2"));
    }

    private static Arguments bad(String expected, String... args) {
        return Arguments.of(args.length == 0 ? "(no command)" : String.join(" ", args), expected, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void refusedInOneLineNamingTheOption(String name, String expected, String[] args) throws Exception {
        Path work = Files.createTempDirectory(dir, "run");
        List<String> all = new ArrayList<>();
        for (String a : args) { // relative outputs go into a fresh directory, so that nothing written shows
            all.add(a.equals("m") || a.equals("run") || a.equals("elsewhere") || a.endsWith(".json")
                    ? work.resolve(a).toString() : a);
        }
        if (args.length > 0 && args[0].equals("train") && !all.contains("--out") && !all.contains("--resume")) {
            all.addAll(List.of("--out", work.resolve("model").toString()));
        }
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertBadInput(run, expected);
        assertTrue(run.oneLineError(), "one line: " + run.err());
        try (Stream<Path> written = Files.list(work)) {
            assertFalse(written.findAny().isPresent(), "nothing written");
        }
    }

    @Test
    void outOfMemoryIsOneLineThatSaysWhatToChange() {
        // a 1,000,000 x 1,000,000 weight matrix: ND4J's allocation fails at once
        CliRun run = CliRun.of("init-experiment", "--units", "1000000", "--layers", "1", "--samples", "1",
                "--init", "he", "--activation", "relu");
        assertBadInput(run, "out of native memory (ND4J: Allocation failed");
        assertTrue(run.err().contains("DLKIT_JAVA_OPTS=-Xmx"), run.err());
    }
}
