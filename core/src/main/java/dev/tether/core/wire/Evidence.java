package dev.tether.core.wire;

/**
 * Attestation evidence a workload presents with a Vault nonce. {@link #toString()} redacts the
 * document: some kinds (an AgentCore workload access token) are bearer secrets.
 *
 * @param kind {@code local}, {@code nitro}, {@code ec2-iid}, {@code agentcore} or {@code network}
 * @param nonce the nonce the Vault issued for this attestation (base64url)
 * @param document the evidence as text: a signed local statement, a base64 Nitro document, the
 *     PKCS#7 text of an EC2 identity document, an AgentCore token; empty for {@code network}
 */
public record Evidence(String kind, String nonce, String document) {

  private static final String TYPE = "Evidence";

  public Evidence {
    Required.text(TYPE, "kind", kind);
    Required.text(TYPE, "nonce", nonce);
    Required.notNull(TYPE, "document", document);
  }

  @Override
  public String toString() {
    return "Evidence[kind=" + kind + ", nonce=" + nonce + ", document=<redacted>]";
  }
}
