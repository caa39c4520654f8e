package dev.tether.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Zipkin's own server (its executable jar, copied by {@code mvn generate-test-resources}) on a
 * free loopback port with in-memory storage, and the spans a service sent it, read through
 * Zipkin's API.
 */
final class ZipkinServer implements AutoCloseable {

  static final Path JAR = Paths.get("target", "zipkin", "zipkin-server.jar");

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final URI url;

  private ZipkinServer(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  private static ZipkinServer shared;

  /**
   * One server for all the tests of this JVM (each queries its own service name), started at the
   * first call and stopped when the JVM exits: it takes seconds to start.
   */
  static synchronized ZipkinServer shared() throws Exception {
    if (shared == null) {
      ZipkinServer started = start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "zipkin-stop"));
      shared = started;
    }
    return shared;
  }

  static ZipkinServer start() throws Exception {
    assertThat(JAR).as("copied by mvn generate-test-resources").exists();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    Path log = Files.createTempFile("zipkin", ".log");
    ProcessBuilder builder = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", JAR.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("QUERY_PORT", Integer.toString(port));
    builder.environment().put("STORAGE_TYPE", "mem");
    ZipkinServer zipkin = new ZipkinServer(builder.start(), url);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!zipkin.healthy()) {
      if (!zipkin.process.isAlive() || System.nanoTime() > deadline) {
        zipkin.close();
        throw new AssertionError("Zipkin did not start: " + Files.readString(log));
      }
      Thread.sleep(250);
    }
    return zipkin;
  }

  /** Where an exporter posts Zipkin's v2 JSON. */
  URI spansEndpoint() {
    return url.resolve("/api/v2/spans");
  }

  /**
   * Every span of the service's traces, once {@code complete} holds for them (Zipkin stores spans
   * as they arrive, and exporters flush as their process exits), or what there is after 20 s.
   */
  List<JsonNode> spans(String service, Predicate<List<JsonNode>> complete) throws Exception {
    List<JsonNode> spans = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      spans.clear();
      JsonNode traces = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(url
              .resolve("/api/v2/traces?serviceName=" + service + "&limit=1000&lookback=3600000"))
              .build(), HttpResponse.BodyHandlers.ofString()).body());
      traces.forEach(trace -> trace.forEach(spans::add));
      if (complete.test(spans) || System.nanoTime() > deadline) {
        return spans;
      }
      Thread.sleep(200);
    }
  }

  private boolean healthy() {
    try {
      return HTTP.send(HttpRequest.newBuilder(url.resolve("/health")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  // Reading Zipkin's v2 spans.

  static String name(JsonNode span) {
    return span.get("name").asText();
  }

  static String id(JsonNode span) {
    return span.get("id").asText();
  }

  /** The parent's id, or "" for a root span. */
  static String parentId(JsonNode span) {
    return span.path("parentId").asText();
  }

  static String traceId(JsonNode span) {
    return span.get("traceId").asText();
  }

  static String tag(JsonNode span, String key) {
    JsonNode value = span.path("tags").get(key);
    return value == null ? null : value.asText();
  }

  static boolean derivation(JsonNode span, String layer) {
    return name(span).equals("tether.derive") && layer.equals(tag(span, "tether.layer"));
  }

  static JsonNode one(List<JsonNode> spans, Predicate<JsonNode> which) {
    List<JsonNode> found = all(spans, which);
    assertThat(found).as("exactly one such span among " + spans.size()).hasSize(1);
    return found.get(0);
  }

  static List<JsonNode> all(List<JsonNode> spans, Predicate<JsonNode> which) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode span : spans) {
      if (which.test(span)) {
        found.add(span);
      }
    }
    return found;
  }
}
