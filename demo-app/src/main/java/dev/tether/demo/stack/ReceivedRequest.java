package dev.tether.demo.stack;

import java.time.Instant;
import java.util.Objects;

/**
 * One request as the local S3 server's authentication step saw it.
 *
 * @param accessKeyId the access key id the request was signed with; null for an unsigned request
 * @param bucket the bucket in the path; null for a service-level request (ListBuckets)
 * @param key the object key in the path; null for a bucket-level request (ListObjectsV2)
 * @param at when the server saw it
 * @param accepted whether the key was one the server knows (a live Vault-issued key or the platform
 *     key); s3proxy checks the signature after this, so an accepted request can still fail with
 *     SignatureDoesNotMatch
 */
public record ReceivedRequest(
    String accessKeyId, String bucket, String key, Instant at, boolean accepted) {

  /** Whether this request addressed {@code bucket} and {@code key} (null key: the bucket). */
  public boolean targets(String bucket, String key) {
    return Objects.equals(this.bucket, bucket) && Objects.equals(this.key, key);
  }
}
