package dev.tether.core.aws;

import java.util.Locale;
import java.util.Map;

/**
 * Maps an AWS SDK request (service name, operation, region and its top-level fields) to the IAM
 * action and resource ARN that IAM evaluates for it.
 *
 * <p>Known approximations, all in the direction of asking for the permission IAM checks first:
 *
 * <ul>
 *   <li>{@code CopyObject} maps to {@code s3:PutObject} on the destination; IAM also needs {@code
 *       s3:GetObject} on the source, which is not checked here.
 *   <li>{@code DeleteObjects} maps to {@code s3:DeleteObject} on the bucket ARN: the keys are in
 *       the request body, so per-key scopes ({@code bucket/prefix/*}) will not match it.
 *   <li>SQS requests name a queue URL, not an ARN, so their resource is {@code "*"}; so is every
 *       service other than S3 and DynamoDB.
 * </ul>
 */
public final class AwsRequestTargets {

  private static final Map<String, String> IAM_PREFIX_BY_SDK_SERVICE =
      Map.ofEntries(
          Map.entry("S3", "s3"),
          Map.entry("DynamoDb", "dynamodb"),
          Map.entry("DynamoDbStreams", "dynamodb"),
          Map.entry("Sts", "sts"),
          Map.entry("CloudWatchLogs", "logs"),
          Map.entry("CloudWatch", "cloudwatch"),
          Map.entry("EventBridge", "events"),
          Map.entry("Sfn", "states"),
          Map.entry("Sqs", "sqs"),
          Map.entry("Sns", "sns"),
          Map.entry("Lambda", "lambda"),
          Map.entry("SecretsManager", "secretsmanager"),
          Map.entry("Ssm", "ssm"),
          Map.entry("Kms", "kms"));

  private static final Map<String, String> S3_ACTION_BY_OPERATION =
      Map.ofEntries(
          Map.entry("ListObjects", "ListBucket"),
          Map.entry("ListObjectsV2", "ListBucket"),
          Map.entry("HeadBucket", "ListBucket"),
          Map.entry("HeadObject", "GetObject"),
          Map.entry("GetObjectAttributes", "GetObject"),
          Map.entry("ListObjectVersions", "ListBucketVersions"),
          Map.entry("DeleteObjects", "DeleteObject"),
          Map.entry("CopyObject", "PutObject"),
          Map.entry("ListBuckets", "ListAllMyBuckets"),
          Map.entry("CreateMultipartUpload", "PutObject"),
          Map.entry("UploadPart", "PutObject"),
          Map.entry("CompleteMultipartUpload", "PutObject"),
          Map.entry("AbortMultipartUpload", "AbortMultipartUpload"),
          Map.entry("ListMultipartUploads", "ListBucketMultipartUploads"));

  private static final Map<String, String> LAMBDA_ACTION_BY_OPERATION =
      Map.of(
          "Invoke", "InvokeFunction",
          "InvokeAsync", "InvokeFunction",
          "InvokeWithResponseStream", "InvokeFunction");

  private AwsRequestTargets() {}

  /**
   * The IAM target of one request.
   *
   * @param sdkServiceName the SDK's service name attribute, e.g. {@code "S3"}, {@code "DynamoDb"}
   * @param operation the SDK operation name, e.g. {@code "GetObject"}
   * @param region the request's region, or {@code null} when unknown
   * @param fields the request's top-level fields by SDK member name ({@code "Bucket"}, {@code
   *     "Key"}, {@code "TableName"}); may be {@code null}
   */
  public static AwsRequestTarget of(
      String sdkServiceName, String operation, String region, Map<String, String> fields) {
    if (sdkServiceName == null || operation == null) {
      throw new IllegalArgumentException("sdkServiceName and operation must not be null");
    }
    Map<String, String> f = fields == null ? Map.of() : fields;
    String prefix = iamPrefix(sdkServiceName);
    switch (prefix) {
      case "s3":
        return new AwsRequestTarget(
            "s3:" + S3_ACTION_BY_OPERATION.getOrDefault(operation, operation),
            s3Resource(operation, f));
      case "dynamodb":
        return new AwsRequestTarget("dynamodb:" + operation, dynamoDbResource(region, f));
      case "lambda":
        return new AwsRequestTarget(
            "lambda:" + LAMBDA_ACTION_BY_OPERATION.getOrDefault(operation, operation), "*");
      default:
        return new AwsRequestTarget(prefix + ":" + operation, "*");
    }
  }

  /** The IAM action prefix for an SDK service name; the lower-cased name when not known. */
  public static String iamPrefix(String sdkServiceName) {
    String known = IAM_PREFIX_BY_SDK_SERVICE.get(sdkServiceName);
    return known != null ? known : sdkServiceName.toLowerCase(Locale.ROOT);
  }

  private static String s3Resource(String operation, Map<String, String> fields) {
    String bucket = nonEmpty(fields.get("Bucket"));
    String key = nonEmpty(fields.get("Key"));
    if (bucket == null && operation.equals("CopyObject")) {
      // Newer SDK models name the destination members explicitly.
      bucket = nonEmpty(fields.get("DestinationBucket"));
      key = nonEmpty(fields.get("DestinationKey"));
    }
    if (bucket == null) {
      return "*";
    }
    return key == null ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
  }

  private static String dynamoDbResource(String region, Map<String, String> fields) {
    String table = nonEmpty(fields.get("TableName"));
    if (table == null) {
      return "*";
    }
    if (table.startsWith("arn:")) {
      return table; // DynamoDB accepts a table ARN in TableName
    }
    String r = nonEmpty(region);
    return "arn:aws:dynamodb:" + (r == null ? "*" : r) + ":*:table/" + table;
  }

  private static String nonEmpty(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
