package org.chancery.cli.node;

import picocli.CommandLine.Command;

/** {@code chancery node}: run a node. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a Chancery node.",
    subcommands = {NodeStartCommand.class, NodeVerifyCommand.class})
public final class NodeCommand {}
