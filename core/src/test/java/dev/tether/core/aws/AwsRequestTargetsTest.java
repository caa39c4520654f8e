package dev.tether.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AwsRequestTargetsTest {

  private static final Map<String, String> BUCKET_KEY = Map.of("Bucket", "b", "Key", "t-1/x.txt");
  private static final Map<String, String> BUCKET = Map.of("Bucket", "b");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "GetObject, s3:GetObject",
    "PutObject, s3:PutObject",
    "HeadObject, s3:GetObject",
    "GetObjectAttributes, s3:GetObject",
    "CopyObject, s3:PutObject",
    "CreateMultipartUpload, s3:PutObject",
    "UploadPart, s3:PutObject",
    "CompleteMultipartUpload, s3:PutObject",
    "AbortMultipartUpload, s3:AbortMultipartUpload",
    "DeleteObject, s3:DeleteObject",
  })
  void s3ObjectOperations(String operation, String action) {
    assertThat(AwsRequestTargets.of("S3", operation, "us-east-1", BUCKET_KEY))
        .isEqualTo(new AwsRequestTarget(action, "arn:aws:s3:::b/t-1/x.txt"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "ListObjects, s3:ListBucket",
    "ListObjectsV2, s3:ListBucket",
    "HeadBucket, s3:ListBucket",
    "ListObjectVersions, s3:ListBucketVersions",
    "ListMultipartUploads, s3:ListBucketMultipartUploads",
    "DeleteObjects, s3:DeleteObject",
  })
  void s3BucketOperations(String operation, String action) {
    assertThat(AwsRequestTargets.of("S3", operation, "us-east-1", BUCKET))
        .isEqualTo(new AwsRequestTarget(action, "arn:aws:s3:::b"));
  }

  @Test
  void s3WithoutBucket() {
    assertThat(AwsRequestTargets.of("S3", "ListBuckets", "us-east-1", Map.of()))
        .isEqualTo(new AwsRequestTarget("s3:ListAllMyBuckets", "*"));
    assertThat(AwsRequestTargets.of("S3", "GetObject", null, null))
        .isEqualTo(new AwsRequestTarget("s3:GetObject", "*"));
  }

  @Test
  void copyObjectUsesDestinationMembers() {
    assertThat(
            AwsRequestTargets.of(
                "S3",
                "CopyObject",
                "us-east-1",
                Map.of("SourceBucket", "src", "DestinationBucket", "dst", "DestinationKey", "k")))
        .isEqualTo(new AwsRequestTarget("s3:PutObject", "arn:aws:s3:::dst/k"));
  }

  @Test
  void dynamoDbTable() {
    assertThat(AwsRequestTargets.of("DynamoDb", "Query", "eu-west-1", Map.of("TableName", "tasks")))
        .isEqualTo(
            new AwsRequestTarget("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:*:table/tasks"));
    assertThat(AwsRequestTargets.of("DynamoDb", "GetItem", null, Map.of("TableName", "tasks")))
        .isEqualTo(new AwsRequestTarget("dynamodb:GetItem", "arn:aws:dynamodb:*:*:table/tasks"));
    String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/tasks";
    assertThat(AwsRequestTargets.of("DynamoDb", "GetItem", "us-east-1", Map.of("TableName", arn)))
        .isEqualTo(new AwsRequestTarget("dynamodb:GetItem", arn));
    assertThat(AwsRequestTargets.of("DynamoDb", "ListTables", "us-east-1", Map.of()))
        .isEqualTo(new AwsRequestTarget("dynamodb:ListTables", "*"));
  }

  @ParameterizedTest(name = "{0}.{1} -> {2}")
  @CsvSource({
    "Sts, GetCallerIdentity, sts:GetCallerIdentity",
    "CloudWatchLogs, PutLogEvents, logs:PutLogEvents",
    "Sqs, SendMessage, sqs:SendMessage",
    "Sns, Publish, sns:Publish",
    "Lambda, Invoke, lambda:InvokeFunction",
    "Lambda, GetFunction, lambda:GetFunction",
    "SecretsManager, GetSecretValue, secretsmanager:GetSecretValue",
    "Ssm, GetParameter, ssm:GetParameter",
    "Kms, Decrypt, kms:Decrypt",
    "Ec2, DescribeInstances, ec2:DescribeInstances",
  })
  void otherServicesMapPrefixAndUseStarResource(String service, String operation, String action) {
    assertThat(
            AwsRequestTargets.of(
                service, operation, "us-east-1", Map.of("QueueUrl", "https://sqs/1/q")))
        .isEqualTo(new AwsRequestTarget(action, "*"));
  }
}
