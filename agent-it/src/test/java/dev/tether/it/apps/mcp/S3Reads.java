package dev.tether.it.apps.mcp;

import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A task's S3 objects read with the SDK's default credentials chain, each attempt reported as one
 * line: {@code <kind> <tool>/<path> ALLOWED|REFUSED|FAILED <thread> <detail>}.
 */
final class S3Reads {

  static final String BUCKET = "it-data";

  private final S3Client s3;
  private final String task;
  private final Consumer<String> out;

  S3Reads(URI endpoint, String task, Consumer<String> out) {
    this.s3 =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    this.task = task;
    this.out = out;
  }

  /** Reads {@code <task>/<path>}; returns its content, or "refused" / "failed". */
  String read(String kind, String tool, String path) {
    String step = kind + " " + tool + "/" + path;
    try {
      String content = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(task + "/" + path)).asUtf8String();
      out.accept(step + " ALLOWED " + thread() + " " + content);
      return content;
    } catch (Throwable t) {
      for (Throwable cause = t; cause != null; cause = cause.getCause()) {
        if (cause.getClass().getName().equals("dev.tether.bootstrap.TetherDeniedException")) {
          out.accept(step + " REFUSED " + thread() + " " + cause.getMessage().replace('\n', ' '));
          return "refused";
        }
      }
      out.accept(step + " FAILED " + thread() + " " + t);
      return "failed";
    }
  }

  static String thread() {
    return Thread.currentThread().getName();
  }
}
