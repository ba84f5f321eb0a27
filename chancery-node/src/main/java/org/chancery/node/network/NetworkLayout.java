package org.chancery.node.network;

import java.nio.file.Path;

/**
 * Where {@code network init} puts each file in a network directory; the layout is documented in
 * {@code docs/pki.md}. One place names every path, so writers and readers cannot disagree.
 *
 * @param root the network directory
 */
public record NetworkLayout(Path root) {
  /**
   * The directory {@code chancery network up} keeps each node's log and pid file in. Not written by
   * {@code network init}; {@code init --force} deletes it with the rest of the network.
   */
  public static final String RUN = "run";

  public Path description() {
    return root.resolve("network.yaml");
  }

  public Path genesis() {
    return root.resolve("genesis.json");
  }

  public Path orgs() {
    return root.resolve("orgs");
  }

  public Path org(String org) {
    return orgs().resolve(org);
  }

  public Path identityCaCertificate(String org) {
    return org(org).resolve("ca/identity-ca.pem");
  }

  public Path identityCaKey(String org) {
    return org(org).resolve("ca/identity-ca.key");
  }

  public Path tlsCaCertificate(String org) {
    return org(org).resolve("ca/tls-ca.pem");
  }

  public Path tlsCaKey(String org) {
    return org(org).resolve("ca/tls-ca.key");
  }

  public Path node(String org, String node) {
    return org(org).resolve("nodes").resolve(node);
  }

  public Path nodeConfig(String org, String node) {
    return node(org, node).resolve("node.yaml");
  }

  public Path nodeIdentity(String org, String node) {
    return node(org, node).resolve("identity");
  }

  public Path nodeTls(String org, String node) {
    return node(org, node).resolve("tls");
  }

  public Path nodeData(String org, String node) {
    return node(org, node).resolve("data");
  }

  /** Where {@code network up} keeps node logs, pid files and its lock: {@code DIR/run}. */
  public Path run() {
    return root.resolve(RUN);
  }

  /** A node's stdout and stderr when started by {@code network up}: {@code DIR/run/NODE.log}. */
  public Path nodeLog(String node) {
    return run().resolve(node + ".log");
  }

  /** The pid of a node started by {@code network up}: {@code DIR/run/NODE.pid}. */
  public Path nodePidFile(String node) {
    return run().resolve(node + ".pid");
  }

  /** Held by {@code network up} and {@code down} so that two of them never race. */
  public Path runLock() {
    return run().resolve(".lock");
  }

  /** An identity directory ({@code --identity DIR}): {@code cert.pem} and {@code key.pem}. */
  public Path user(String org, String user) {
    return org(org).resolve("users").resolve(user);
  }

  /** The certificate file inside an identity directory. */
  public static Path certificateIn(Path identityDir) {
    return identityDir.resolve("cert.pem");
  }

  /** The private key file inside an identity directory. */
  public static Path keyIn(Path identityDir) {
    return identityDir.resolve("key.pem");
  }
}
