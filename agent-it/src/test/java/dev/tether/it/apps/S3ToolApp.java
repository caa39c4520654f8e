package dev.tether.it.apps;

import dev.langchain4j.agent.tool.Tool;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.signer.AwsS3V4Signer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;

/**
 * An application that knows nothing of Tether: tools annotated with LangChain4j's {@code @Tool},
 * one tool named only in Tether's configuration, the real AWS SDK with its default credentials
 * chain. Prints one {@code STEP} line per attempt for the test to read.
 */
public final class S3ToolApp {

  public static final String BUCKET = "it-data";
  static S3Client urlConnection;
  static S3Client apache;
  static S3AsyncClient async;
  static S3Client staticKey;
  static S3Client noPlatformKey;
  static S3Client legacySigner;
  static S3Presigner presigner;
  static S3AsyncClient crt;
  static String presignedUrl;

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String task = args[1];
    urlConnection =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    apache =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(ApacheHttpClient.create())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    async =
        S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(NettyNioAsyncHttpClient.create())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    staticKey =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(platformKey()))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    noPlatformKey =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(() -> {
              throw new IllegalStateException("this platform hands out no credentials");
            })
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    legacySigner =
        S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(S3ToolApp::platformKey)
            .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.SIGNER, AwsS3V4Signer.create()))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
    presigner =
        S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(StaticCredentialsProvider.create(platformKey()))
            .build();
    crt =
        S3AsyncClient.crtBuilder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(platformKey()))
            .checksumValidationEnabled(false)
            .build();
    Tools tools = new Tools();
    tools.readOwn(task);
    tools.readWithStaticKey(task);
    tools.readOwnAsync(task);
    tools.readViaExecutors(task);
    new ConfiguredTools().writeReport(task);
    tools.credentialsInsideTool();
    step("outside/get", () -> get(urlConnection, task + "/own.txt"));
    step("outside/static-key", () -> get(staticKey, task + "/own.txt"));
    step("outside/async", () -> getAsync(task + "/own.txt"));
    step("outside/no-platform-key", () -> get(noPlatformKey, task + "/own.txt"));
    step("outside/legacy-signer", () -> get(legacySigner, task + "/own.txt"));
    step("outside/crt", () -> crt.getObject(b -> b.bucket(BUCKET).key(task + "/own.txt"),
        AsyncResponseTransformer.toBytes()).join().asUtf8String());
    step("outside/presign", () -> presign(task + "/own.txt"));
    step("outside/fetch-presigned", () -> fetch(presignedUrl));
    step("outside/default-chain", () -> "key " + DefaultCredentialsProvider.create().resolveCredentials().accessKeyId());
    async.close();
    apache.close();
    urlConnection.close();
    System.out.println("DONE");
    System.exit(0);
  }

  public static final class Tools {
    @Tool("reads the task's own object")
    public void readOwn(String task) {
      step("readOwn/own", () -> get(urlConnection, task + "/own.txt"));
      step("readOwn/other-task", () -> get(urlConnection, "t-other/secret.txt"));
    }

    @Tool("reads through a client built with the platform's static key")
    public void readWithStaticKey(String task) {
      step("readWithStaticKey/own", () -> get(staticKey, task + "/own.txt"));
      step("readWithStaticKey/no-platform-key", () -> get(noPlatformKey, task + "/own.txt"));
      step("readWithStaticKey/legacy-signer", () -> get(legacySigner, task + "/own.txt"));
      step("readWithStaticKey/crt", () -> crt.getObject(b -> b.bucket(BUCKET).key(task + "/own.txt"),
          AsyncResponseTransformer.toBytes()).join().asUtf8String());
      step("readWithStaticKey/crt-other-task", () -> crt.getObject(b -> b.bucket(BUCKET).key("t-other/secret.txt"),
          AsyncResponseTransformer.toBytes()).join().asUtf8String());
      step("readWithStaticKey/presign-own", () -> {
        presignedUrl = presign(task + "/own.txt");
        return "key " + signingKeyOf(presignedUrl);
      });
      step("readWithStaticKey/presign-other-task", () -> presign("t-other/secret.txt"));
      step("readWithStaticKey/own-override",
          () -> staticKey.getObjectAsBytes(b -> b.bucket(BUCKET).key(task + "/own.txt")
              .overrideConfiguration(o -> o.credentialsProvider(S3ToolApp::platformKey)))
              .asUtf8String());
    }

    @Tool(name = "readOwnAsync", value = "reads with the async client")
    public void readOwnAsync(String task) {
      step("readOwnAsync/own", () -> getAsync(task + "/own.txt"));
      step("readOwnAsync/other-task", () -> getAsync("t-other/secret.txt"));
    }

    @Tool("reads on other threads")
    public void readViaExecutors(String task) throws Exception {
      step("readViaExecutors/completable-future",
          () -> CompletableFuture.supplyAsync(() -> get(apache, task + "/own.txt")).join());
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        step("readViaExecutors/executor", () -> pool.submit(() -> get(apache, task + "/own.txt")).get());
      } finally {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
    }

    @Tool("asks the default chain directly")
    public void credentialsInsideTool() {
      step("credentialsInsideTool/default-chain", () -> {
        AwsCredentials credentials = DefaultCredentialsProvider.create().resolveCredentials();
        return "key " + credentials.accessKeyId();
      });
    }
  }

  /** No annotation: Tether's configuration names {@code ConfiguredTools#writeReport} as a tool. */
  public static final class ConfiguredTools {
    public void writeReport(String task) {
      step("writeReport/own", () -> {
        urlConnection.putObject(b -> b.bucket(BUCKET).key(task + "/out/report.txt"), RequestBody.fromString("report"));
        return "put";
      });
      step("writeReport/read-not-allowed", () -> get(urlConnection, task + "/own.txt"));
    }
  }

  /** The platform's static key (the test passes it as system properties); no provider Tether hooks. */
  static AwsCredentials platformKey() {
    return AwsBasicCredentials.create(
        System.getProperty("aws.accessKeyId"), System.getProperty("aws.secretAccessKey"));
  }

  static String presign(String key) {
    return presigner.presignGetObject(p -> p.signatureDuration(java.time.Duration.ofMinutes(5))
        .getObjectRequest(g -> g.bucket(BUCKET).key(key))).url().toString();
  }

  /** The access key id a presigned URL was signed with (its X-Amz-Credential, up to the date). */
  static String signingKeyOf(String url) {
    String credential = url.substring(url.indexOf("X-Amz-Credential=") + "X-Amz-Credential=".length());
    return credential.substring(0, credential.indexOf("%2F"));
  }

  static String fetch(String url) throws Exception {
    java.net.HttpURLConnection connection =
        (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
    try (java.io.InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }

  static String get(S3Client client, String key) {
    return client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
  }

  static String getAsync(String key) {
    return async.getObject(b -> b.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes()).join().asUtf8String();
  }

  interface Step {
    Object run() throws Exception;
  }

  static void step(String name, Step step) {
    try {
      Object result = step.run();
      System.out.println("STEP " + name + " ALLOWED " + oneLine(String.valueOf(result)));
    } catch (Throwable t) {
      Throwable cause = t;
      while (cause != null) {
        if (cause.getClass().getName().equals("dev.tether.bootstrap.TetherDeniedException")) {
          System.out.println("STEP " + name + " REFUSED " + oneLine(cause.getMessage()));
          return;
        }
        cause = cause.getCause();
      }
      System.out.println("STEP " + name + " FAILED " + oneLine(t.toString()));
    }
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ');
  }
}
