package dev.tether.it.apps;

import java.net.URI;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 reads the agent-framework apps' tools make, each printed as the {@code STEP <tool>/<path>
 * ALLOWED|REFUSED|FAILED <thread> ...} line their ITs check. The client uses the SDK's default
 * credentials chain, as an application that knows nothing of Tether would. Only the JDK and the
 * AWS SDK: the apps compiled against a framework's own class path compile this with them ({@link
 * dev.tether.it.FrameworkClassPath} finds it on the source path).
 */
public final class S3Steps implements AutoCloseable {

  private final S3Client s3;
  private final String bucket;
  private final String task;

  /** Reads objects under {@code task/} in {@code bucket} at {@code endpoint}. */
  public S3Steps(String endpoint, String bucket, String task) {
    this.bucket = bucket;
    this.task = task;
    this.s3 =
        S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
  }

  /** Reads {@code path} for {@code tool}; a refusal by Tether is an answer, not a failure. */
  public String read(String tool, String path) {
    String step = tool + "/" + path;
    try {
      String content = s3.getObjectAsBytes(b -> b.bucket(bucket).key(task + "/" + path)).asUtf8String();
      System.out.println("STEP " + step + " ALLOWED " + thread() + " " + content);
      return content;
    } catch (Throwable t) {
      // By name: the apps are compiled without Tether on their class path.
      Throwable cause = t;
      while (cause != null) {
        if (cause.getClass().getName().equals("dev.tether.bootstrap.TetherDeniedException")) {
          System.out.println("STEP " + step + " REFUSED " + thread() + " "
              + cause.getMessage().replace('\n', ' '));
          return "refused";
        }
        cause = cause.getCause();
      }
      System.out.println("STEP " + step + " FAILED " + thread() + " " + t);
      return "failed";
    }
  }

  /**
   * The first round's readReports (on reports/r.txt) and readLedger (on ledger/l.txt) wait for
   * each other at {@code together}: proof they ran at the same time. Other calls, or a null
   * barrier (the calls run one after the other), pass straight on.
   */
  public static void meetInFirstRound(CyclicBarrier together, String tool, String path) {
    if (together == null || !path.equals(tool.equals("readReports") ? "reports/r.txt" : "ledger/l.txt")) {
      return;
    }
    try {
      together.await(20, TimeUnit.SECONDS);
      System.out.println("MET " + tool + " " + thread());
    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
      System.out.println("NOT-MET " + tool + " " + e);
    }
  }

  /** This thread's name, or what identifies an unnamed (virtual) thread. */
  public static String thread() {
    Thread thread = Thread.currentThread();
    return thread.getName().isEmpty() ? thread.toString() : thread.getName();
  }

  @Override
  public void close() {
    s3.close();
  }
}
