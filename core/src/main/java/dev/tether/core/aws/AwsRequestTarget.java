package dev.tether.core.aws;

/**
 * The IAM action and resource ARN one AWS SDK request needs, e.g. {@code ("s3:GetObject",
 * "arn:aws:s3:::bucket/key")}. The resource is {@code "*"} when it cannot be derived from the
 * request.
 */
public record AwsRequestTarget(String action, String resourceArn) {

  public AwsRequestTarget {
    if (action == null || resourceArn == null) {
      throw new IllegalArgumentException(
          "AwsRequestTarget action and resourceArn must not be null");
    }
  }
}
