package dev.tether.core.wire;

import java.time.Instant;

/**
 * The Vault's record that a workload key is bound to verified evidence. The task token names it
 * (with the key's thumbprint) in its confirmation claim; exchanges are refused once it is older
 * than the Vault's maximum age, until the workload attests again.
 *
 * @param id the binding's id, as in the task layer's {@code att} claim
 * @param kind the evidence kind that established it
 * @param strength what the kind proves: {@code hardware} (a Nitro enclave), {@code measured-boot}
 *     (a NitroTPM instance), {@code development}, {@code instance-identity}, {@code
 *     opaque-platform-token} or {@code network-only}
 * @param attestedAt when evidence was last verified
 * @param freshUntil when exchanges start being refused as {@code attestation_stale}
 */
public record Binding(
    String id, String kind, String strength, Instant attestedAt, Instant freshUntil) {

  private static final String TYPE = "Binding";

  public Binding {
    Required.text(TYPE, "id", id);
    Required.text(TYPE, "kind", kind);
    Required.text(TYPE, "strength", strength);
    Required.notNull(TYPE, "attested_at", attestedAt);
    Required.notNull(TYPE, "fresh_until", freshUntil);
  }
}
