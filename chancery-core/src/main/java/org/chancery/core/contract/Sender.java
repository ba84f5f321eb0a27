package org.chancery.core.contract;

import org.chancery.core.Bytes;
import org.chancery.crypto.pki.MemberRole;

/**
 * The member who signed a transaction, as its validated certificate says.
 *
 * @param organisation organisation id (the certificate's O)
 * @param role role (the certificate's OU)
 * @param name the certificate's CN
 * @param certificate the DER certificate
 */
public record Sender(String organisation, MemberRole role, String name, Bytes certificate) {}
