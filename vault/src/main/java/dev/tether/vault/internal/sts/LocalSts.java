package dev.tether.vault.internal.sts;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.vault.LocalSession;
import dev.tether.vault.internal.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A minimal STS that implements {@code AssumeRole} over the query protocol: it verifies the
 * caller's SigV4 signature against one root key pair, lets that caller assume exactly one role, and
 * issues sessions whose policy it keeps for local servers to enforce.
 */
public final class LocalSts {

  public static final String VERSION = "2011-06-15";
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private final RootCredential root;
  private final String roleArn;
  private final Clock clock;
  private final SigV4Verifier verifier;
  private final LocalSessionStore sessions;

  public LocalSts(String roleArn, Clock clock) {
    this.root = RootCredential.generate();
    this.roleArn = roleArn;
    this.clock = clock;
    this.verifier =
        new SigV4Verifier(
            "sts",
            akid ->
                akid.equals(root.accessKeyId())
                    ? Optional.of(root.secretAccessKey())
                    : Optional.empty(),
            clock,
            MAX_SKEW);
    this.sessions = new LocalSessionStore(clock);
  }

  /** The key pair AssumeRole calls must be signed with. */
  public RootCredential rootCredential() {
    return root;
  }

  /** A session this STS issued, expired or not, until it is pruned after expiry. */
  public Optional<LocalSession> session(String accessKeyId) {
    return sessions.get(accessKeyId);
  }

  /** Answers one STS query: the HTTP status and the XML body. */
  public Answer answer(SignedRequest request) {
    String requestId = UUID.randomUUID().toString();
    try {
      IssuedSession issued = assumeRole(request);
      return new Answer(200, StsXml.assumeRoleResponse(issued, requestId));
    } catch (StsFault fault) {
      return error(fault, requestId);
    }
  }

  /** An STS XML error answer, for failures found before a request reaches {@link #answer}. */
  public static Answer error(int status, String code, String message) {
    return error(new StsFault(status, code, message), UUID.randomUUID().toString());
  }

  private static Answer error(StsFault fault, String requestId) {
    return new Answer(fault.status(), StsXml.errorResponse(fault, requestId));
  }

  private IssuedSession assumeRole(SignedRequest request) throws StsFault {
    // Authenticate before reading a single parameter.
    verifier.verify(request);
    String contentType = request.header("content-type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new StsFault(
          400,
          "InvalidParameterValue",
          "the body must be application/x-www-form-urlencoded (the STS query protocol)");
    }
    Map<String, String> form = FormBody.parse(request.body());
    checkAction(form);
    AssumeRoleParams params = AssumeRoleParams.parse(form);
    if (!params.roleArn().equals(roleArn)) {
      throw new StsFault(
          403,
          "AccessDenied",
          "User: arn:aws:iam::"
              + accountOf(roleArn)
              + ":user/tether-vault is not authorized to perform: sts:AssumeRole on resource: "
              + params.roleArn()
              + "; this local STS lets it assume only "
              + roleArn);
    }
    Instant expiration =
        clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(params.durationSeconds());
    LocalSession session =
        new LocalSession(
            RandomTokens.accessKeyId("ASIA"),
            RandomTokens.secretAccessKey(),
            RandomTokens.sessionToken(),
            expiration,
            params.scope(),
            params.tags());
    sessions.put(session);
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return new IssuedSession(
        session,
        roleId() + ":" + params.roleSessionName(),
        "arn:aws:sts::"
            + accountOf(roleArn)
            + ":assumed-role/"
            + roleName
            + "/"
            + params.roleSessionName(),
        params.sourceIdentity(),
        packedPolicySize(params.policy()));
  }

  private static void checkAction(Map<String, String> form) throws StsFault {
    String action = form.get("Action");
    if (action == null) {
      throw new StsFault(
          400, "MissingAction", "Missing Action: this local STS implements AssumeRole");
    }
    if (!action.equals("AssumeRole") || !VERSION.equals(form.get("Version"))) {
      throw new StsFault(
          400,
          "InvalidAction",
          "Could not find operation "
              + FormBody.printable(action)
              + " for version "
              + FormBody.printable(String.valueOf(form.get("Version")))
              + "; this local STS implements only AssumeRole, version "
              + VERSION);
    }
  }

  // A stable, role-specific id in the AROA... shape of real role ids.
  private String roleId() {
    byte[] hash = SigV4Verifier.sha256(roleArn.getBytes(StandardCharsets.UTF_8));
    StringBuilder id = new StringBuilder("AROA");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for (int i = 0; i < 17; i++) {
      id.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
    }
    return id.toString();
  }

  private static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? parts[4] : "000000000000";
  }

  // Real STS reports how full the packed policy and tags are, as a percentage of the limit.
  private static int packedPolicySize(String policy) {
    return Math.max(1, (int) Math.ceil(policy.length() * 100.0 / SessionPolicy.MAX_LENGTH));
  }

  /** An HTTP answer of the local STS. */
  public record Answer(int status, String xml) {}
}
