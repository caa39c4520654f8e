package dev.tether.agent.internal.config;

import java.util.List;
import java.util.Locale;

/**
 * What AWS calls made outside any tool call get: nothing ({@link Mode#DENY}), or the ambient
 * credentials for the listed IAM service prefixes only ({@link Mode#AMBIENT}).
 */
public record OutsideToolsRule(Mode aws, List<String> ambientServices) {

  public enum Mode {
    DENY,
    AMBIENT
  }

  public OutsideToolsRule {
    if (aws == null) {
      throw new IllegalArgumentException("OutsideToolsRule.aws must be DENY or AMBIENT");
    }
    ambientServices = ambientServices == null ? List.of() : List.copyOf(ambientServices);
    if (aws == Mode.AMBIENT && ambientServices.isEmpty()) {
      throw new IllegalArgumentException("AMBIENT needs at least one IAM service prefix");
    }
    if (aws == Mode.DENY && !ambientServices.isEmpty()) {
      throw new IllegalArgumentException("DENY takes no ambient services");
    }
  }

  /** The default: no AWS access outside tool calls. */
  public static OutsideToolsRule deny() {
    return new OutsideToolsRule(Mode.DENY, List.of());
  }

  /** Whether a call to this IAM service ({@code logs}, {@code s3}…) outside tools may proceed. */
  public boolean allowsAmbient(String iamServicePrefix) {
    return aws == Mode.AMBIENT
        && iamServicePrefix != null
        && ambientServices.contains(iamServicePrefix.toLowerCase(Locale.ROOT));
  }
}
