package dev.tether.vault.internal.sts;

import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one AssumeRoleWithWebIdentity query. Tags and SourceIdentity are not
 * parameters of this action: they come from the verified token's claims.
 */
record WebIdentityParams(
    String roleArn,
    String roleSessionName,
    String webIdentityToken,
    String policy,
    AwsScope scope,
    int durationSeconds) {

  static final String ACTION = "AssumeRoleWithWebIdentity";
  static final int MIN_TOKEN = 4;
  static final int MAX_TOKEN = 20_000;

  private static final Set<String> PARAMS =
      Set.of(
          "Action",
          "Version",
          "RoleArn",
          "RoleSessionName",
          "WebIdentityToken",
          "Policy",
          "DurationSeconds");

  static WebIdentityParams parse(Map<String, String> params) throws StsFault {
    for (String name : params.keySet()) {
      if (!PARAMS.contains(name)) {
        // ProviderId is for OAuth 2.0 providers, PolicyArns would need managed policies: both
        // would change what the session may do, so they are refused rather than ignored.
        throw StsFault.validation(
            "the local STS does not support parameter '"
                + FormBody.printable(name)
                + "' of AssumeRoleWithWebIdentity; it implements RoleArn, RoleSessionName,"
                + " WebIdentityToken, Policy and DurationSeconds");
      }
    }
    String roleArn = AssumeRoleParams.required(params, "RoleArn", "roleArn");
    String sessionName = AssumeRoleParams.required(params, "RoleSessionName", "roleSessionName");
    AssumeRoleParams.checkName(sessionName, "roleSessionName");
    String token = AssumeRoleParams.required(params, "WebIdentityToken", "webIdentityToken");
    if (token.length() < MIN_TOKEN || token.length() > MAX_TOKEN) {
      throw AssumeRoleParams.constraint(
          "webIdentityToken", "Member must have length between " + MIN_TOKEN + " and " + MAX_TOKEN);
    }
    String policy = params.get("Policy");
    if (policy == null) {
      throw StsFault.validation(
          "the local STS requires a Policy: without one a session would get all of the role's"
              + " rights. Pass the tool's session policy");
    }
    if (policy.length() > SessionPolicy.MAX_LENGTH) {
      throw AssumeRoleParams.constraint(
          "policy", "Member must have length less than or equal to " + SessionPolicy.MAX_LENGTH);
    }
    return new WebIdentityParams(
        roleArn,
        sessionName,
        token,
        policy,
        AssumeRoleParams.scope(policy),
        AssumeRoleParams.duration(params.get("DurationSeconds")));
  }
}
