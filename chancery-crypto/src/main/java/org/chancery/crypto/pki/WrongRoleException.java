package org.chancery.crypto.pki;

import org.chancery.crypto.CryptoException;

/**
 * A valid certificate carries a role (OU) that the operation does not accept, for example a client
 * certificate signing a governance vote that needs an admin. Code {@code wrong-role}.
 *
 * <pre>{@code
 * try {
 *   validator.validate(certificate, blockTime, Set.of(MemberRole.ADMIN));
 * } catch (WrongRoleException e) {
 *   problem(e.code(), e.getMessage()); // code "wrong-role"
 * }
 * }</pre>
 */
public final class WrongRoleException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public WrongRoleException(String message) {
    super(message);
  }

  public WrongRoleException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String code() {
    return "wrong-role";
  }
}
