package org.chancery.cli.evidence;

import picocli.CommandLine.Command;

/** {@code chancery evidence}: deposit files' digests, find deposits, fetch certificates. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description =
        "Deposit a file's digest, find deposits, and fetch certificates to verify offline.",
    subcommands = {
      EvidenceDepositCommand.class,
      EvidenceFindCommand.class,
      EvidenceGetCommand.class,
      EvidenceChainCommand.class,
      EvidenceCertificateCommand.class
    })
public final class EvidenceCommand {}
