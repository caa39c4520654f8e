package dev.tether.it.apps;

import dev.langchain4j.agent.tool.Tool;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** One tool call whose credentials must come from a Vault that is down or silent. */
public final class ToolWithoutVaultApp {

  public static void main(String[] args) {
    S3Client s3 =
        S3Client.builder().endpointOverride(URI.create(args[0])).region(Region.US_EAST_1)
            .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build();
    long start = System.nanoTime();
    new Tools().readOwn(s3);
    System.out.println("ELAPSED_MS " + (System.nanoTime() - start) / 1_000_000);
    System.out.println("STILL_RUNNING");
  }

  public static final class Tools {
    @Tool("reads an object")
    public void readOwn(S3Client s3) {
      S3ToolApp.step("readOwn/own", () -> s3.getObjectAsBytes(b -> b.bucket("it-data").key("t-it-1/own.txt")).asUtf8String());
    }
  }
}
