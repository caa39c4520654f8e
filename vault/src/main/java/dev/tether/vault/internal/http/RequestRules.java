package dev.tether.vault.internal.http;

import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.NonceRequest;
import dev.tether.core.wire.ReattestRequest;
import dev.tether.core.wire.RedeemRequest;
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
