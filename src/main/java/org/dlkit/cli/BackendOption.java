package org.dlkit.cli;

import org.dlkit.error.DlkitException;
import org.dlkit.backend.BackendChoice;
import org.dlkit.backend.Backends;
import org.dlkit.backend.Selection;
import org.dlkit.engine.EngineChoice;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --backend auto|cpu|cuda} for every command that computes: {@code @Mixin BackendOption backend;} then
 * {@code backend.start()} before anything touches ND4J.
 */
public class BackendOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "auto|cpu|cuda",
            converter = ChoiceConverter.class,
            description = "ND4J backend: auto (CUDA when it can run here, else CPU), cpu or cuda "
                    + "(default: ${DEFAULT-VALUE}).")
    private BackendChoice choice = BackendChoice.AUTO;

    /** The selection the last {@link #start()} made. */
    private Selection started;

    public BackendChoice choice() {
        return choice;
    }

    /**
     * Runs the preflight, starts ND4J on the chosen backend and tunes its threads; for {@code auto} prints the one
     * line saying what runs and why on stderr. Throws {@link DlkitException} when the choice cannot run.
     */
    public Selection start() {
        Selection selection = Backends.start(choice);
        started = selection;
        if (choice == BackendChoice.AUTO) {
            mixee.commandLine().getErr().println(selection.line());
        }
        return selection;
    }

    /**
     * {@link #start()} for a command that may train on dlkit's engine: with {@code engine} null or dl4j as before;
     * otherwise ND4J starts on the CPU, and the command prints the engine's line ({@link EngineChoice#line()}) with
     * its output (train in its training stage, bench in its report), so it appears once.
     */
    public EngineChoice start(EngineChoice.Engine engine) {
        EngineChoice chosen = EngineChoice.select(engine, choice);
        if (!chosen.dlkit()) {
            start();
            return chosen;
        }
        started = Backends.start(chosen.nd4jBackend(choice));
        return chosen;
    }

    /** The ND4J backend selection of the last start. */
    public Selection started() {
        return started;
    }

    static final class ChoiceConverter implements ITypeConverter<BackendChoice> {
        @Override
        public BackendChoice convert(String value) {
            try {
                return BackendChoice.parse(value);
            } catch (DlkitException e) {
                throw new TypeConversionException("expected auto, cpu or cuda, got '" + value + "'");
            }
        }
    }
}
