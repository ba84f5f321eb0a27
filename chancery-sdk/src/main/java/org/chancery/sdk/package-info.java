/**
 * The Java SDK of Chancery: sign transactions as a member, talk to a node's REST API, and verify
 * what a node returned with the chain's genesis alone.
 *
 * <ul>
 *   <li>{@link org.chancery.sdk.Identity}: a member's certificate and key, from a directory that
 *       {@code chancery network init} wrote;
 *   <li>{@link org.chancery.sdk.TransactionBuilder}: builds and signs transactions;
 *   <li>{@link org.chancery.sdk.ChanceryClient}: submits them and reads transactions, blocks, state
 *       and status, with typed results and typed errors;
 *   <li>{@link org.chancery.sdk.OfflineVerifier}: checks proofs with no node.
 * </ul>
 *
 * <pre>{@code
 * try (ChanceryClient client = ChanceryClient.connect("http://127.0.0.1:7200")) {
 *   Identity me = Identity.load(Path.of("/tmp/net/orgs/org1/users/client"));
 *   Transaction tx = client.newTransaction(me).build("kv", "put", "{\"key\":\"a\",\"value\":1}");
 *   client.submitAndWait(tx, Duration.ofSeconds(10));
 *   var included = (TransactionResult.Included) client.transaction(tx.txId(), true);
 *   ProvenTransaction proven = OfflineVerifier.fromGenesisFile(Path.of("/tmp/net/genesis.json"))
 *       .verifyTransaction(included.proof().orElseThrow());
 * }
 * }</pre>
 *
 * <p>See {@code docs/sdk.md} for a walk-through and the matching {@code chancery} commands.
 */
package org.chancery.sdk;
