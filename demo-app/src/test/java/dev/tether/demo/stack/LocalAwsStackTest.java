package dev.tether.demo.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class LocalAwsStackTest {

  private static final String BUCKET = "tether-test";

  private static LocalAwsStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalAwsStack.start();
    stack.seed(BUCKET, "platform.txt", "read with the platform key");
    stack.seed(BUCKET, "unknown.txt", "never read");
    stack.seed(BUCKET, "vault.txt", "read with a Vault session");
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void acceptsThePlatformKeyAndRecordsTheRequest() {
    AwsCredentials platform =
        AwsBasicCredentials.create(stack.platformAccessKeyId(), stack.platformSecretAccessKey());
    try (S3Client s3 = s3(platform)) {
      String content =
          s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("platform.txt")).asUtf8String();
      s3.putObject(b -> b.bucket(BUCKET).key("written.txt"), RequestBody.fromString("hello"));

      assertThat(content).isEqualTo("read with the platform key");
    }
    assertThat(stack.platformAccessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(stack.requests())
        .anySatisfy(
            r -> {
              assertThat(r.accessKeyId()).isEqualTo(stack.platformAccessKeyId());
              assertThat(r.targets(BUCKET, "platform.txt")).isTrue();
              assertThat(r.accepted()).isTrue();
            })
        .anySatisfy(r -> assertThat(r.targets(BUCKET, "written.txt")).isTrue());
  }

  @Test
  void rejectsAnUnknownKeyWith403AndRecordsItAsRejected() {
    String unknownKey = "AKIAUNKNOWNKEY000001";
    try (S3Client s3 =
        s3(AwsBasicCredentials.create(unknownKey, "not-a-secret-the-server-knows"))) {
      assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("unknown.txt")))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
    assertThat(stack.requests())
        .filteredOn(r -> unknownKey.equals(r.accessKeyId()))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.accepted()).isFalse();
              assertThat(r.targets(BUCKET, "unknown.txt")).isTrue();
            });
  }

  @Test
  void acceptsASessionTheVaultIssuedThroughItsExchangeEndpoint() throws Exception {
    JsonNode issued = exchange();
    String accessKeyId = issued.path("access_key_id").asText();
    AwsCredentials session =
        AwsSessionCredentials.create(
            accessKeyId,
            issued.path("secret_access_key").asText(),
            issued.path("session_token").asText());

    try (S3Client s3 = s3(session)) {
      String content = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("vault.txt")).asUtf8String();

      assertThat(content).isEqualTo("read with a Vault session");
    }
    assertThat(accessKeyId).isNotEqualTo(stack.platformAccessKeyId());
    assertThat(stack.requests())
        .anySatisfy(
            r -> {
              assertThat(r.accessKeyId()).isEqualTo(accessKeyId);
              assertThat(r.targets(BUCKET, "vault.txt")).isTrue();
              assertThat(r.accepted()).isTrue();
            });
    assertThat(stack.vault().issuances())
        .anySatisfy(
            i -> {
              assertThat(i.accessKeyId()).isEqualTo(accessKeyId);
              assertThat(i.tool()).isEqualTo("t");
              assertThat(i.callId()).isEqualTo("c-1");
            });
  }

  /** Asks the Vault for a session the way the agent does: POST /v1/aws/credentials. */
  private static JsonNode exchange() throws IOException, InterruptedException {
    String body =
        "{\"task_id\":\"t-1\",\"user_id\":\"alice\",\"repo\":\"acme/widgets\",\"tool\":\"t\","
            + "\"call_id\":\"c-1\",\"turn_id\":null,\"actions\":[\"s3:GetObject\"],"
            + "\"resources\":[\"arn:aws:s3:::tether-test/*\"],\"duration_seconds\":900}";
    HttpRequest request =
        HttpRequest.newBuilder(stack.vault().url().resolve("/v1/aws/credentials"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + stack.vault().agentToken())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("exchange answered %s", response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static S3Client s3(AwsCredentials credentials) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(URI.create(stack.s3Endpoint().toString()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }
}
