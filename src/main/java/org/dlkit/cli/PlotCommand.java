package org.dlkit.cli;

import picocli.CommandLine.Command;

/** {@code dlkit plot <what>}: charts of the course's concepts. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Draw charts of the course's concepts.",
        subcommands = {PlotActivationsCommand.class})
final class PlotCommand {
}
