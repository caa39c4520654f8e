package dev.tether.core.attest;

/**
 * What a local attestor (the workload's launcher) states: "the process I launched as {@code
 * workload} holds the key with thumbprint {@code keyThumbprint}, and asked me so after the Vault
 * issued {@code nonce}".
 *
 * @param nonce the Vault's nonce, base64url
 * @param keyThumbprint the workload key's RFC 7638 thumbprint
 * @param launcher the id of the launcher key that signs the statement
 * @param workload the launcher's label for the process it started (e.g. {@code pid 4242})
 * @param issuedAt epoch seconds
 */
public record LocalStatement(
    String nonce, String keyThumbprint, String launcher, String workload, long issuedAt) {

  static final int MAX_FIELD = 256;

  public LocalStatement {
    check("nonce", nonce);
    check("key thumbprint", keyThumbprint);
    check("launcher", launcher);
    check("workload", workload);
  }

  static void check(String name, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_FIELD) {
      throw new IllegalArgumentException(
          "the local statement's " + name + " must be 1 to " + MAX_FIELD + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "the local statement's " + name + " must be printable ASCII");
      }
    }
  }
}
