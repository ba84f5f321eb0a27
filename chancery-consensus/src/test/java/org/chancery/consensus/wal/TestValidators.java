package org.chancery.consensus.wal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chancery.consensus.types.MessageSigner;
import org.chancery.consensus.types.Validators;
import org.chancery.core.block.ValidatorSet;
import org.chancery.crypto.CryptoSuite;
import org.chancery.crypto.EcKeyPair;

/**
 * Validators a, b, c, d of power 1 with real SM2 keys. SM2 signatures are randomised, so signing
 * the same message twice gives different bytes: a re-signed message is never mistaken for the one
 * the WAL kept.
 */
final class TestValidators {
  static final String CHAIN = "chancery-wal-test";
  private static final CryptoSuite SUITE = CryptoSuite.byName("sm");

  final Validators validators;
  private final Map<String, MessageSigner> signers = new LinkedHashMap<>();

  TestValidators() {
    List<ValidatorSet.Validator> members = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      EcKeyPair k = SUITE.generateKeyPair();
      members.add(new ValidatorSet.Validator(name, "org-" + name, k.publicKey(), 1));
      signers.put(name, new MessageSigner(SUITE, CHAIN, name, k.privateKey()));
    }
    validators = Validators.of(new ValidatorSet(members));
  }

  MessageSigner signer(String name) {
    return signers.get(name);
  }
}
