package dev.tether.core.wire;

/**
 * A workload asks the Vault for an attestation nonce. The nonce is issued to the key that signs
 * the request's proof of possession, and only evidence presented with a proof by that key may use
 * it.
 *
 * @param kind the evidence kind the workload will present, so that the Vault refuses a kind it
 *     does not accept before the workload pays for producing evidence
 */
public record NonceRequest(String kind) {

  public NonceRequest {
    Required.text("NonceRequest", "kind", kind);
  }
}
