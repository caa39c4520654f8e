package dev.tether.demo.agent;

/** The HTTP steps the script records: the method, with the host as the bucket and the path as the key. */
public final class HttpOperations {

  public static final String POST = "POST";

  private HttpOperations() {}

  /** Whether {@code operation} is an HTTP step rather than an AWS call. */
  public static boolean isHttp(String operation) {
    return POST.equals(operation);
  }
}
