package dev.tether.demo.agent;

/**
 * One step the scripted agent took, as the agent saw it.
 *
 * @param turn 1-based turn number; 0 outside any turn
 * @param tool the tool method's name; null outside any tool
 * @param description why the agent took the step
 * @param operation the S3 operation name ({@code GetObject}), or {@code ResolveCredentials}
 * @param bucket the bucket addressed; null when no bucket is involved
 * @param key the object key, or the prefix for {@code ListObjectsV2}; null when none
 * @param expected {@link Outcome#ALLOWED} or {@link Outcome#REFUSED}
 * @param outcome what happened
 * @param detail a one-line summary of the result or of the exception
 */
public record CallRecord(
    int turn,
    String tool,
    String description,
    String operation,
    String bucket,
    String key,
    Outcome expected,
    Outcome outcome,
    String detail) {

  /** Whether this step addresses a whole bucket (a listing) rather than one object. */
  public boolean bucketLevel() {
    return S3Operations.LIST_OBJECTS_V2.equals(operation);
  }

  /** Whether this step ran outside any tool call. */
  public boolean outsideTools() {
    return tool == null;
  }
}
