package dev.tether.demo.agent;

/** The operation names the script records, as AWS spells them. */
public final class S3Operations {

  public static final String GET_OBJECT = "GetObject";
  public static final String PUT_OBJECT = "PutObject";
  public static final String LIST_OBJECTS_V2 = "ListObjectsV2";

  /** Not an S3 call: code asking the SDK's default chain for credentials directly. */
  public static final String RESOLVE_CREDENTIALS = "ResolveCredentials";

  private S3Operations() {}
}
