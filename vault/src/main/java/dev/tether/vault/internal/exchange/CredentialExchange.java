package dev.tether.vault.internal.exchange;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.TaskIdentity;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.AwsCredentialsResponse;
import dev.tether.core.wire.VaultError;
import dev.tether.vault.Issuance;
import dev.tether.vault.internal.RandomTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Exchanges one tool call's AWS scope for an STS session whose session policy is that scope. It
 * checks the whole request before calling STS, and records an {@link Issuance} only when STS has
 * issued the session.
 */
public final class CredentialExchange {

  static final int MIN_DURATION = 900;
  static final int MAX_DURATION = 3600;

  private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.:=+@-]{1,128}");
  private static final int MAX_STS_MESSAGE = 512;

  private final StsGateway sts;
  private final IssuanceLog log;
  private final int defaultDurationSeconds;
  private final Clock clock;

  public CredentialExchange(
      StsGateway sts, IssuanceLog log, Duration defaultDuration, Clock clock) {
    this.sts = sts;
    this.log = log;
    this.defaultDurationSeconds = (int) defaultDuration.toSeconds();
    this.clock = clock;
  }

  public AwsCredentialsResponse exchange(AwsCredentialsRequest request) throws ExchangeRefused {
    TaskIdentity identity;
    try {
      identity = new TaskIdentity(request.taskId(), request.userId(), request.repo());
    } catch (IllegalArgumentException e) {
      throw ExchangeRefused.invalid(e.getMessage());
    }
    checkId("tool", request.tool(), TOOL, "letters, digits and _ . -, 1 to 64 characters");
    checkId(
        "call_id",
        request.callId(),
        CALL_ID,
        "letters, digits and _ . : = + @ -, 1 to 128 characters");
    if (request.turnId() != null) {
      checkId(
          "turn_id",
          request.turnId(),
          CALL_ID,
          "letters, digits and _ . : = + @ -, 1 to 128 characters");
    }
    int duration = duration(request.durationSeconds());
    String policy = policy(request, identity);

    String sessionName = StsNames.roleSessionName(request.tool(), request.callId());
    String sourceIdentity = StsNames.sourceIdentity(identity.userId());
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("task_id", StsNames.tagValue(identity.taskId()));
    tags.put("user_id", StsNames.tagValue(identity.userId()));
    tags.put("repo", StsNames.tagValue(identity.repo()));
    tags.put("tool", StsNames.tagValue(request.tool()));

    Credentials credentials = assumeRole(sessionName, policy, tags, sourceIdentity, duration);
    String issuanceId = RandomTokens.id("iss-");
    log.add(
        new Issuance(
            issuanceId,
            credentials.accessKeyId(),
            identity.taskId(),
            identity.userId(),
            identity.repo(),
            request.tool(),
            request.callId(),
            request.turnId(),
            policy,
            tags,
            sourceIdentity,
            sessionName,
            clock.instant(),
            credentials.expiration()));
    return new AwsCredentialsResponse(
        credentials.accessKeyId(),
        credentials.secretAccessKey(),
        credentials.sessionToken(),
        credentials.expiration(),
        issuanceId);
  }

  private int duration(int requested) throws ExchangeRefused {
    if (requested == 0) {
      return defaultDurationSeconds;
    }
    if (requested < MIN_DURATION || requested > MAX_DURATION) {
      throw ExchangeRefused.invalid(
          "duration_seconds "
              + requested
              + " is outside the STS range; ask for 900 to 3600 seconds, or 0 for the Vault's"
              + " default ("
              + defaultDurationSeconds
              + ")");
    }
    return requested;
  }

  // The session policy is the tool's scope; an empty scope becomes an explicit deny-all.
  private static String policy(AwsCredentialsRequest request, TaskIdentity identity)
      throws ExchangeRefused {
    AwsScope scope;
    try {
      scope = new AwsScope(request.actions(), request.resources()).resolve(identity);
    } catch (IllegalArgumentException e) {
      throw ExchangeRefused.invalid("invalid AWS scope: " + e.getMessage());
    }
    try {
      return SessionPolicy.toJson(scope);
    } catch (IllegalArgumentException e) {
      throw ExchangeRefused.invalid(e.getMessage());
    }
  }

  private Credentials assumeRole(
      String sessionName,
      String policy,
      Map<String, String> tags,
      String sourceIdentity,
      int duration)
      throws ExchangeRefused {
    AssumeRoleResponse response;
    try {
      response = sts.assumeRole(sessionName, policy, tags, sourceIdentity, duration);
    } catch (StsException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      throw new ExchangeRefused(
          502,
          VaultError.STS_FAILED,
          "STS refused AssumeRole of "
              + sts.roleArn()
              + " (HTTP "
              + e.statusCode()
              + "): "
              + code
              + ": "
              + clip(message)
              + "; check the Vault's base credentials, the role's trust policy and the request");
    } catch (SdkClientException e) {
      throw new ExchangeRefused(
          502,
          VaultError.STS_FAILED,
          "could not reach STS at "
              + sts.endpointDescription()
              + ": "
              + clip(e.getMessage())
              + "; check that the endpoint is up and reachable from the Vault");
    }
    Credentials credentials = response.credentials();
    if (credentials == null
        || credentials.accessKeyId() == null
        || credentials.secretAccessKey() == null
        || credentials.sessionToken() == null
        || credentials.expiration() == null) {
      throw new ExchangeRefused(
          502,
          VaultError.STS_FAILED,
          "STS answered AssumeRole without complete credentials; check the STS endpoint "
              + sts.endpointDescription());
    }
    return credentials;
  }

  private static void checkId(String field, String value, Pattern pattern, String allowed)
      throws ExchangeRefused {
    if (!pattern.matcher(value).matches()) {
      throw ExchangeRefused.invalid(
          field + " must be " + allowed + " (" + value.length() + " characters given)");
    }
  }

  private static String clip(String text) {
    if (text == null) {
      return "(no message)";
    }
    return text.length() > MAX_STS_MESSAGE ? text.substring(0, MAX_STS_MESSAGE) + "..." : text;
  }
}
