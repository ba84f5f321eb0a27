package org.chancery.cli;

import org.chancery.cli.network.NetworkRunException;
import org.chancery.core.config.ConfigException;
import org.chancery.crypto.CryptoException;
import org.chancery.node.network.NetworkInitException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and exit code 1. Errors the user can
 * fix print their message only; anything else is a bug and prints its stack trace too.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
    if (e instanceof ConfigException
        || e instanceof CryptoException
        || e instanceof NetworkInitException
        || e instanceof NetworkRunException
        || e instanceof org.chancery.ledger.store.StorageException
        || e instanceof java.io.IOException) {
      cli.getErr().println("error: " + e.getMessage());
    } else {
      cli.getErr().println("internal error: " + e);
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return ChanceryCli.EXIT_FAILED;
  }
}
