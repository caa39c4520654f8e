package dev.tether.vault.internal.exchange.sts;

import java.util.Map;

/**
 * The form bodies of the two STS query-API actions the Vault calls (API version 2011-06-15), with
 * the parameters in the order the AWS SDK sends them. {@code null} optional values are left out.
 */
public final class StsForms {

  static final String VERSION = "2011-06-15";

  private StsForms() {}

  /** {@code AssumeRole}: session tags as {@code Tags.member.N.Key/Value}, N from 1. */
  public static String assumeRole(
      String roleArn,
      String roleSessionName,
      String policy,
      Map<String, String> tags,
      String sourceIdentity,
      int durationSeconds) {
    StringBuilder form = start("AssumeRole", roleArn, roleSessionName);
    param(form, "Policy", policy);
    param(form, "DurationSeconds", Integer.toString(durationSeconds));
    int n = 1;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      param(form, "Tags.member." + n + ".Key", tag.getKey());
      param(form, "Tags.member." + n + ".Value", tag.getValue());
      n++;
    }
    param(form, "SourceIdentity", sourceIdentity);
    return form.toString();
  }

  /** {@code AssumeRoleWithWebIdentity}: sent unsigned, the token being the proof. */
  public static String assumeRoleWithWebIdentity(
      String roleArn,
      String roleSessionName,
      String webIdentityToken,
      String policy,
      int durationSeconds) {
    StringBuilder form = start("AssumeRoleWithWebIdentity", roleArn, roleSessionName);
    param(form, "WebIdentityToken", webIdentityToken);
    param(form, "Policy", policy);
    param(form, "DurationSeconds", Integer.toString(durationSeconds));
    return form.toString();
  }

  private static StringBuilder start(String action, String roleArn, String roleSessionName) {
    StringBuilder form = new StringBuilder(2048);
    form.append("Action=").append(action).append("&Version=").append(VERSION);
    param(form, "RoleArn", require(roleArn, "RoleArn"));
    param(form, "RoleSessionName", require(roleSessionName, "RoleSessionName"));
    return form;
  }

  private static String require(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " is required for an STS AssumeRole call");
    }
    return value;
  }

  private static void param(StringBuilder form, String name, String value) {
    if (value != null) {
      form.append('&').append(name).append('=').append(FormEncoding.encode(value));
    }
  }
}
