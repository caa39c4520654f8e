package dev.tether.it.apps;

import dev.langchain4j.agent.tool.Tool;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An application whose one tool call reads an object, then waits, inside the same tool call and
 * so with the same cached credentials, until the test says the task was revoked (a marker file),
 * and reads again. Prints one {@code STEP} line per read, as {@link S3ToolApp} does.
 */
public final class RevocationApp {

  private static final Duration WAIT_FOR_MARKER = Duration.ofSeconds(120);

  static S3Client s3;

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String task = args[1];
    Path marker = Path.of(args[2]);
    s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    new Tools().readOwn(task, marker);
    s3.close();
    System.out.println("DONE");
    System.out.flush();
    System.exit(0);
  }

  public static final class Tools {
    @Tool("reads the task's own object before and after the task is revoked")
    public void readOwn(String task, Path marker) throws InterruptedException {
      S3ToolApp.step("revocation/before", () -> S3ToolApp.get(s3, task + "/own.txt"));
      System.out.flush();
      long until = System.nanoTime() + WAIT_FOR_MARKER.toNanos();
      while (!Files.exists(marker)) {
        if (System.nanoTime() > until) {
          System.out.println("STEP revocation/marker FAILED no marker after " + WAIT_FOR_MARKER);
          return;
        }
        Thread.sleep(20);
      }
      S3ToolApp.step("revocation/after", () -> S3ToolApp.get(s3, task + "/own.txt"));
      System.out.flush();
    }
  }
}
