package dev.tether.vault.internal.http;

import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.RevocationRequest;
import dev.tether.vault.VaultSettings;
import java.util.regex.Pattern;

/**
 * The Vault's limits on request fields beyond what core's codec checks (types, unknown and missing
 * fields): those whose breach the endpoints would otherwise find only after acting, having spent a
 * proof, a nonce or an attestation on a request they then refuse. Checked on the decoded record,
 * before any endpoint runs; docs/vault-api.yaml states the same limits.
 */
final class RequestRules {

  /** Evidence kinds are short words ({@code ec2-iid}); longer is never a kind. */
  static final int MAX_KIND = 32;

  /** Nonces are 43 base64url characters; longer is never one of this Vault's. */
  static final int MAX_NONCE = 128;

  /**
   * The task layer's actor is {@code agent:<label>} and actors are at most 128 characters of
   * these (core's TokenLayer): a label longer, or of other characters, cannot make a task token.
   * Checked here because redemption spends the nonce and records the binding before it mints.
   */
  static final Pattern AGENT_LABEL = Pattern.compile("[A-Za-z0-9._:/@+=,-]{1,122}");

  /** Task ids as grants carry them (core's TokenLayer): a revocation names one of those. */
  static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._:/@+=,-]{1,128}");

  /** Tool names as the catalogue and tokens carry them. */
  static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /**
   * A revocation's reason is shown to the workload (its exception) and in spans and logs: short,
   * and one line without control characters.
   */
  static final int MAX_REASON = 256;

  private RequestRules() {}

  static void check(Object request) throws RequestRejected {
    if (request instanceof RedeemRequest redeem) {
      agentLabel(redeem.agent());
      if (redeem.evidence() != null) {
        evidence("RedeemRequest.evidence", redeem.evidence());
      }
    } else if (request instanceof ReattestRequest reattest) {
      evidence("ReattestRequest.evidence", reattest.evidence());
    } else if (request instanceof NonceRequest nonce) {
      maxLength("NonceRequest", "kind", nonce.kind(), MAX_KIND, "an evidence kind such as local");
    } else if (request instanceof AwsCredentialsRequest credentials) {
      duration(credentials.durationSeconds());
    } else if (request instanceof RevocationRequest revocation) {
      revocation(revocation);
    }
  }

  private static void revocation(RevocationRequest revocation) throws RequestRejected {
    if (!TASK_ID.matcher(revocation.taskId()).matches()) {
      throw RequestRejected.invalid("field 'task_id' of RevocationRequest is not a task id: send"
          + " the id the task's grants name (1 to 128 letters, digits and . _ : / @ + = , -)");
    }
    if (revocation.tool() != null && !TOOL.matcher(revocation.tool()).matches()) {
      throw RequestRejected.invalid("field 'tool' of RevocationRequest is not a tool name: send"
          + " a tool of the Vault's catalogue (1 to 64 letters, digits and _ . -), or leave it out"
          + " to revoke the whole task");
    }
    String reason = revocation.reason();
    maxLength("RevocationRequest", "reason", reason, MAX_REASON,
        "one line saying why, e.g. 'prompt injection suspected'");
    for (int i = 0; i < reason.length(); i++) {
      if (Character.isISOControl(reason.charAt(i))) {
        throw RequestRejected.invalid("field 'reason' of RevocationRequest holds a control"
            + " character (a line break, tab or the like) at " + i + ": send one line of text");
      }
    }
  }

  private static void agentLabel(String agent) throws RequestRejected {
    if (!AGENT_LABEL.matcher(agent).matches()) {
      throw RequestRejected.invalid(
          "cannot make a task token: the task layer's actor must be agent:<label>, and field"
              + " 'agent' of RedeemRequest ("
              + agent.length()
              + " characters) is not such a label: send 1 to 122 letters, digits and"
              + " . _ : / @ + = , - (a host or pod name, e.g. runtime-1)");
    }
  }

  private static void evidence(String type, Evidence evidence) throws RequestRejected {
    maxLength(type, "kind", evidence.kind(), MAX_KIND, "an evidence kind such as local");
    maxLength(type, "nonce", evidence.nonce(), MAX_NONCE,
        "the nonce POST /v1/attestations/nonces answered (43 characters)");
  }

  private static void duration(int seconds) throws RequestRejected {
    long min = VaultSettings.MIN_SESSION.toSeconds();
    long max = VaultSettings.MAX_SESSION.toSeconds();
    if (seconds != 0 && (seconds < min || seconds > max)) {
      throw RequestRejected.invalid(
          "duration_seconds " + seconds + " is outside the STS range; ask for " + min + " to "
              + max + " seconds, or 0 for the Vault's default (serve --session-duration)");
    }
  }

  private static void maxLength(String type, String field, String value, int max, String what)
      throws RequestRejected {
    if (value.length() > max) {
      throw RequestRejected.invalid(
          "field '" + field + "' of " + type + " is " + value.length() + " characters; at most "
              + max + " are accepted: send " + what);
    }
  }
}
