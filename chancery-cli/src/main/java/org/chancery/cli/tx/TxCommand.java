package org.chancery.cli.tx;

import picocli.CommandLine.Command;

/** {@code chancery tx}: submit transactions and read them back. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = "Submit transactions to a node and read them back, with offline-checked proofs.",
    subcommands = {TxSubmitCommand.class, TxGetCommand.class})
public final class TxCommand {}
