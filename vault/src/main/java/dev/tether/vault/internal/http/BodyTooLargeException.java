package dev.tether.vault.internal.http;

/** A request body over the Vault's limit. */
public final class BodyTooLargeException extends Exception {

  private static final long serialVersionUID = 1L;

  BodyTooLargeException(int limit) {
    super(
        "request body is larger than "
            + limit
            + " bytes; Vault requests are small JSON or form documents, check what is being sent",
        null,
        false,
        false);
  }
}
