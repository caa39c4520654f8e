package dev.tether.demo.agent;

import static dev.tether.demo.agent.Outcome.REFUSED;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * What an agent runtime does between turns, outside any tool: flush telemetry and warm a cache.
 * Today such code silently uses the task's broad credential; under Tether it gets none.
 */
final class RuntimeChores {

  private final S3Clients s3;
  private final CallLog log;
  private final String repo;

  RuntimeChores(S3Clients s3, CallLog log, String repo) {
    this.s3 = s3;
    this.log = log;
    this.repo = repo;
  }

  /** A telemetry exporter that asks the SDK's default chain for credentials itself. */
  @SuppressWarnings("deprecation") // create() is what existing exporter code calls
  void flushTelemetry() {
    log.record(
        null,
        "telemetry flush asks the default credentials chain",
        S3Operations.RESOLVE_CREDENTIALS,
        null,
        null,
        REFUSED,
        () -> {
          AwsCredentials credentials = DefaultCredentialsProvider.create().resolveCredentials();
          String keyId = credentials.accessKeyId();
          // Never the secret; and only the end of the key id, enough to tell keys apart.
          return "got credentials for a key ending "
              + keyId.substring(Math.max(0, keyId.length() - 4));
        });
  }

  /** Prefetches a build file into a local cache, with no tool call in progress. */
  void warmSourceCache() {
    String key = repo + "/build.gradle";
    log.record(
        null,
        "prefetch the build file outside any tool",
        S3Operations.GET_OBJECT,
        DevTools.SOURCES_BUCKET,
        key,
        REFUSED,
        () ->
            s3.urlConnection()
                    .getObjectAsBytes(
                        GetObjectRequest.builder().bucket(DevTools.SOURCES_BUCKET).key(key).build())
                    .asUtf8String()
                    .length()
                + " characters cached");
  }
}
