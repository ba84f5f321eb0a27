package org.chancery.contracts.evidence;

import java.nio.charset.StandardCharsets;
import org.chancery.core.Bytes;

/**
 * The {@code evidence} contract's state layout, in one place for the contract that writes it and
 * the queries that read it. All keys are in the contract's namespace:
 *
 * <pre>
 * deposit/{depositId}                           the DepositRecord (compact JSON)
 * by-digest/{digest}/{seq}                      depositId, every deposit of a digest
 * by-org/{organisation}/{seq}                   depositId, every deposit of an organisation
 * by-member/{organisation}/{member}/{seq}       depositId, every deposit of one member
 * successors/{depositId}/{seq}                  depositId of a deposit naming it as previous
 * count/by-digest/{digest}                      how many by-digest entries exist (decimal)
 * count/by-org/{organisation}                   ... and so on for each index
 * count/by-member/{organisation}/{member}
 * count/successors/{depositId}
 * </pre>
 *
 * {@code seq} is the entry's position in its index, 0 first, zero-padded to {@value #SEQ_DIGITS}
 * digits so that key order (UTF-8 byte order) is numeric order; since transactions execute in
 * commit order, every index lists its deposits in commit order. Ids and digests are lowercase hex;
 * organisation and member names escape {@code %} and {@code /} as {@code %25} and {@code %2F}, so a
 * member named {@code a/b} cannot pose as a prefix of another's entries.
 */
final class EvidenceKeys {
  /** Digits of a sequence number: every non-negative long fits. */
  static final int SEQ_DIGITS = 19;

  private static final String DEPOSIT = "deposit/";
  private static final String BY_DIGEST = "by-digest/";
  private static final String BY_ORG = "by-org/";
  private static final String BY_MEMBER = "by-member/";
  private static final String SUCCESSORS = "successors/";
  private static final String COUNT = "count/";

  private EvidenceKeys() {}

  static String deposit(Bytes id) {
    return DEPOSIT + id.hex();
  }

  /** The prefix of the entries of the digest index for {@code digest}, ending in {@code /}. */
  static String byDigest(Bytes digest) {
    return BY_DIGEST + digest.hex() + "/";
  }

  static String byOrganisation(String organisation) {
    return BY_ORG + escape(organisation) + "/";
  }

  static String byMember(String organisation, String member) {
    return BY_MEMBER + escape(organisation) + "/" + escape(member) + "/";
  }

  static String successors(Bytes id) {
    return SUCCESSORS + id.hex() + "/";
  }

  /** The counter of the index whose entries start with {@code prefix}. */
  static String count(String prefix) {
    return COUNT + prefix.substring(0, prefix.length() - 1);
  }

  /** The entry at {@code seq} of the index whose entries start with {@code prefix}. */
  static String entry(String prefix, long seq) {
    return prefix + seq(seq);
  }

  /** The first key after every entry of {@code prefix}: {@code /} is followed by {@code 0}. */
  static String end(String prefix) {
    return prefix.substring(0, prefix.length() - 1) + "0";
  }

  /** The sequence number of an entry key of {@code prefix}. */
  static long seqOf(String prefix, String key) {
    return Long.parseLong(key.substring(prefix.length()));
  }

  static String seq(long seq) {
    String digits = Long.toString(seq);
    return "0".repeat(SEQ_DIGITS - digits.length()) + digits;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String name) {
    return name.replace("%", "%25").replace("/", "%2F");
  }
}
