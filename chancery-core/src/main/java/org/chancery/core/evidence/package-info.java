/**
 * The evidence application's data, shared by the {@code evidence} contract that writes it, the node
 * that serves it and the offline verifier that checks it: what one deposit asks for ({@link
 * org.chancery.core.evidence.DepositRequest}), what the chain records ({@link
 * org.chancery.core.evidence.DepositRecord}), how deposit ids are derived ({@link
 * org.chancery.core.evidence.DepositIds}), and the self-contained certificate a court can check
 * with nothing but the genesis ({@link org.chancery.core.evidence.EvidenceCertificate}).
 */
package org.chancery.core.evidence;
