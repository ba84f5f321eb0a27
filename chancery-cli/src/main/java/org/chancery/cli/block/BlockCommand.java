package org.chancery.cli.block;

import picocli.CommandLine.Command;

/** {@code chancery block}: read blocks. */
@Command(
    name = "block",
    mixinStandardHelpOptions = true,
    description = "Read blocks from a node.",
    subcommands = {BlockGetCommand.class})
public final class BlockCommand {}
