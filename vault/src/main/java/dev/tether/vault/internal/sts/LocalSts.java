package dev.tether.vault.internal.sts;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.vault.LocalSession;
import dev.tether.vault.internal.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A minimal STS that implements {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} over the
 * query protocol: it verifies the caller's SigV4 signature against one root key pair, or a web
 * identity token against a registered OpenID Connect issuer; lets the caller assume exactly one
 * role; and issues sessions whose policy and tags it keeps for local servers to enforce.
 */
public final class LocalSts {

  public static final String VERSION = "2011-06-15";
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  static final String IMPLEMENTED = "AssumeRole (signed) and AssumeRoleWithWebIdentity (unsigned)";

  private final RootCredential root;
  private final String roleArn;
  private final Clock clock;
  private final SigV4Verifier verifier;
  private final LocalSessionStore sessions;
  private volatile WebIdentityTrust webIdentity;

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

  /**
   * Registers an OpenID Connect identity provider whose tokens {@code AssumeRoleWithWebIdentity}
   * accepts, as IAM's {@code CreateOpenIDConnectProvider} does: its issuer URL and audiences.
   */
  public void trustWebIdentityIssuer(String issuer, List<String> audiences) {
    webIdentity = new WebIdentityTrust(issuer, audiences, clock, MAX_SKEW);
  }

  /** Answers one STS query: the HTTP status and the XML body. */
  public Answer answer(SignedRequest request) {
    String requestId = UUID.randomUUID().toString();
    try {
      // AssumeRoleWithWebIdentity is the one action callers send unsigned: the token is the proof.
      if (request.header("authorization") == null) {
        return assumeRoleWithWebIdentity(request, requestId);
      }
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
    Map<String, String> form = form(request);
    checkAction(form, "AssumeRole");
    AssumeRoleParams params = AssumeRoleParams.parse(form);
    checkRole(params.roleArn(), "sts:AssumeRole", "User: arn:aws:iam::" + accountOf(roleArn)
        + ":user/tether-vault");
    return issue(params.roleSessionName(), params.durationSeconds(), params.scope(),
        params.tags(), params.sourceIdentity(), params.policy());
  }

  private Answer assumeRoleWithWebIdentity(SignedRequest request, String requestId)
      throws StsFault {
    Map<String, String> form = form(request);
    if (!WebIdentityParams.ACTION.equals(form.get("Action"))) {
      throw new StsFault(
          403,
          "MissingAuthenticationToken",
          "Request is missing Authentication Token: only AssumeRoleWithWebIdentity is accepted"
              + " unsigned; sign other actions with SigV4");
    }
    checkAction(form, WebIdentityParams.ACTION);
    WebIdentityParams params = WebIdentityParams.parse(form);
    WebIdentityTrust trust = webIdentity;
    if (trust == null) {
      throw new StsFault(400, "InvalidIdentityToken",
          "No OpenIDConnect provider is registered with this local STS");
    }
    WebIdentityTrust.Identity identity = trust.verify(params.webIdentityToken());
    checkRole(params.roleArn(), "sts:AssumeRoleWithWebIdentity",
        "the web identity " + FormBody.printable(String.valueOf(identity.subject())));
    AssumeRoleParams.checkSourceIdentity(identity.sourceIdentity());
    IssuedSession issued = issue(params.roleSessionName(), params.durationSeconds(),
        params.scope(), AssumeRoleParams.checkTags(identity.principalTags(), "principal_tags."),
        identity.sourceIdentity(), params.policy());
    return new Answer(200, StsXml.assumeRoleWithWebIdentityResponse(
        issued, identity.subject(), identity.audience(), trust.provider(), requestId));
  }

  private static Map<String, String> form(SignedRequest request) throws StsFault {
    String contentType = request.header("content-type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new StsFault(
          400,
          "InvalidParameterValue",
          "the body must be application/x-www-form-urlencoded (the STS query protocol)");
    }
    return FormBody.parse(request.body());
  }

  private void checkRole(String requested, String action, String caller) throws StsFault {
    if (!requested.equals(roleArn)) {
      throw new StsFault(
          403,
          "AccessDenied",
          caller
              + " is not authorized to perform: "
              + action
              + " on resource: "
              + requested
              + "; this local STS lets it assume only "
              + roleArn);
    }
  }

  private IssuedSession issue(
      String sessionName,
      int durationSeconds,
      AwsScope scope,
      Map<String, String> tags,
      String sourceIdentity,
      String policy) {
    Instant expiration =
        clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(durationSeconds);
    LocalSession session =
        new LocalSession(
            RandomTokens.accessKeyId("ASIA"),
            RandomTokens.secretAccessKey(),
            RandomTokens.sessionToken(),
            expiration,
            scope,
            tags);
    sessions.put(session);
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return new IssuedSession(
        session,
        roleId() + ":" + sessionName,
        "arn:aws:sts::" + accountOf(roleArn) + ":assumed-role/" + roleName + "/" + sessionName,
        sourceIdentity,
        packedPolicySize(policy));
  }

  private static void checkAction(Map<String, String> form, String expected) throws StsFault {
    String action = form.get("Action");
    if (action == null) {
      throw new StsFault(
          400, "MissingAction", "Missing Action: this local STS implements " + IMPLEMENTED);
    }
    if (!action.equals(expected) || !VERSION.equals(form.get("Version"))) {
      throw new StsFault(
          400,
          "InvalidAction",
          "Could not find operation "
              + FormBody.printable(action)
              + " for version "
              + FormBody.printable(String.valueOf(form.get("Version")))
              + "; this local STS implements only "
              + IMPLEMENTED
              + ", version "
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
