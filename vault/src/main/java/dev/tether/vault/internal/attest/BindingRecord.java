package dev.tether.vault.internal.attest;

import java.time.Instant;

/**
 * A workload key bound to verified evidence.
 *
 * @param workload the platform's identity of the workload (enclave module id, instance id,
 *     launcher and process, token hash), which re-attestation must match
 */
record BindingRecord(
    String id,
    String kind,
    String strength,
    String keyThumbprint,
    String workload,
    Instant attestedAt,
    Instant freshUntil,
    Instant forgetAfter) {

  BindingRecord renewed(Instant now, Instant freshUntil) {
    return new BindingRecord(
        id, kind, strength, keyThumbprint, workload, now, freshUntil, forgetAfter);
  }
}
