package dev.tether.vault.attest;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What verified evidence says about the workload. Byte fields are copies; {@code null} means the
 * evidence does not carry the field (each verifier documents how absent, null and empty fields
 * map to it).
 *
 * @param kind the evidence kind, as {@link EvidenceVerifier#kind()}
 * @param issuedAt when the evidence was produced (the document's timestamp)
 * @param workload the workload's identity in the platform's terms (Nitro module id, EC2
 *     instance id)
 * @param nonce the nonce the evidence is over, or {@code null}
 * @param publicKey the public key the evidence binds, or {@code null}
 * @param userData the user data the evidence binds, or {@code null}
 * @param fields every decoded field worth showing an operator, in a stable order, as text
 */
public record VerifiedEvidence(
    String kind,
    Instant issuedAt,
    String workload,
    byte[] nonce,
    byte[] publicKey,
    byte[] userData,
    Map<String, String> fields) {

  public VerifiedEvidence {
    nonce = nonce == null ? null : nonce.clone();
    publicKey = publicKey == null ? null : publicKey.clone();
    userData = userData == null ? null : userData.clone();
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public byte[] nonce() {
    return nonce == null ? null : nonce.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey == null ? null : publicKey.clone();
  }

  @Override
  public byte[] userData() {
    return userData == null ? null : userData.clone();
  }
}
