package org.chancery.cli.state;

import picocli.CommandLine.Command;

/** {@code chancery state}: read the world state. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = "Read contract state from a node.",
    subcommands = {StateGetCommand.class})
public final class StateCommand {}
