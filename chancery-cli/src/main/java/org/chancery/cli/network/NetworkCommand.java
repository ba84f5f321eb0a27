package org.chancery.cli.network;

import picocli.CommandLine.Command;

/** {@code chancery network}: create and operate a network of nodes. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = "Create and operate a Chancery network.",
    subcommands = {
      NetworkInitCommand.class,
      NetworkUpCommand.class,
      NetworkStatusCommand.class,
      NetworkDownCommand.class
    })
public final class NetworkCommand {}
