package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;

/**
 * What one layer says about one tool: an explicit AWS scope, or "as the parent layer" (written
 * {@code {}}), which keeps derived layers small when they narrow only the set of tools.
 */
public final class ToolRights {

  private static final ToolRights INHERITED = new ToolRights(null);

  private final AwsScope aws;

  private ToolRights(AwsScope aws) {
    this.aws = aws;
  }

  public static ToolRights of(AwsScope aws) {
    if (aws == null) {
      throw new IllegalArgumentException("ToolRights.of needs a scope; use inherited()");
    }
    return new ToolRights(aws);
  }

  public static ToolRights inherited() {
    return INHERITED;
  }

  public boolean isInherited() {
    return aws == null;
  }

  /** The explicit scope; {@code null} when inherited. */
  public AwsScope aws() {
    return aws;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ToolRights && java.util.Objects.equals(aws, ((ToolRights) o).aws);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(aws);
  }

  @Override
  public String toString() {
    return aws == null ? "inherited" : aws.toString();
  }
}
