package dev.tether.vault.internal.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.token.VerifiedChain;
import dev.tether.core.wire.GitHubToken;
import dev.tether.core.wire.GitHubTokenRequest;
import dev.tether.vault.GitHubApp;
import dev.tether.vault.internal.exchange.ExchangeRefused;
import dev.tether.vault.internal.exchange.RequestTarget;
import dev.tether.vault.internal.exchange.ToolCallCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/github/tokens}: a tool-call token, checked as for AWS credentials, for a GitHub
 * App installation token narrowed to the turn's repositories and the tool's permissions, following
 * GitHub's {@code POST /app/installations/{id}/access_tokens}.
 */
public final class GitHubTokens {

  public static final String REFUSED = "github_refused";
  public static final String UNAVAILABLE = "github_unavailable";
  public static final String NOT_CONFIGURED = "github_not_configured";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ToolCallCheck toolCalls;
  private final GitHubApp app;
  private final HttpClient http; // null without an App: a client costs a thread and ~30 ms
  private final Clock clock;

  /** @param app the GitHub App, or {@code null} when the Vault has none */
  public GitHubTokens(ToolCallCheck toolCalls, GitHubApp app, Clock clock) {
    this.toolCalls = toolCalls;
    this.app = app;
    this.http =
        app == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.clock = clock;
  }

  public GitHubToken issue(GitHubTokenRequest request, RequestTarget target)
      throws ExchangeRefused {
    if (app == null) {
      throw new ExchangeRefused(403, NOT_CONFIGURED, "this Vault has no GitHub App; start it"
          + " with --github-app FILE to issue GitHub tokens");
    }
    VerifiedChain chain = toolCalls.check(request.token(), target, "GitHub tokens").chain();
    String tool = chain.last().toolName();
    InstallationTokenRequest ask;
    try {
      ask = InstallationTokenRequest.of(
          chain.scope().repos(), app.toolPermissions().get(tool), app.installations());
    } catch (IllegalArgumentException e) {
      throw new ExchangeRefused(403, REFUSED, "no GitHub token for tool '" + tool + "': "
          + e.getMessage());
    }
    return call(ask);
  }

  private GitHubToken call(InstallationTokenRequest ask) throws ExchangeRefused {
    URI uri = URI.create(app.api() + "/app/installations/" + ask.installationId()
        + "/access_tokens");
    HttpRequest post = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("Authorization", "Bearer "
            + AppJwt.create(app.appId(), app.privateKey(), clock.instant().getEpochSecond()))
        .POST(HttpRequest.BodyPublishers.ofString(ask.body()))
        .build();
    HttpResponse<String> answer;
    try {
      answer = http.send(post, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ExchangeRefused(502, UNAVAILABLE, "GitHub at " + app.api() + " is unreachable ("
          + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExchangeRefused(502, UNAVAILABLE, "interrupted while asking GitHub");
    }
    if (answer.statusCode() != 201) {
      throw new ExchangeRefused(502, REFUSED, "GitHub answered " + answer.statusCode()
          + " for installation " + ask.installationId() + ": " + message(answer.body()));
    }
    try {
      JsonNode json = JSON.readTree(answer.body());
      List<String> repositories = new ArrayList<>();
      for (JsonNode repo : json.path("repositories")) {
        repositories.add(repo.path("full_name").asText(ask.owner() + "/" + repo.path("name").asText()));
      }
      List<String> permissions = new ArrayList<>();
      json.path("permissions").fields().forEachRemaining(
          p -> permissions.add(p.getKey() + ":" + p.getValue().asText()));
      checkNoWider(ask, repositories, permissions);
      return new GitHubToken(json.path("token").asText(), Instant.parse(json.path("expires_at")
          .asText()), repositories, permissions);
    } catch (IllegalStateException e) {
      throw new ExchangeRefused(502, REFUSED, "GitHub's token is wider than asked for, so it is"
          + " not handed out: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new ExchangeRefused(502, REFUSED, "GitHub's answer is not an installation token: "
          + e.getClass().getSimpleName());
    }
  }

  // GitHub may answer with fewer rights, never more; more would mean the App or the API is not
  // what the Vault thinks, and the token is not handed out.
  private static void checkNoWider(
      InstallationTokenRequest ask, List<String> repositories, List<String> permissions) {
    for (String repo : repositories) {
      if (!ask.repositories().contains(repo.substring(repo.indexOf('/') + 1))) {
        throw new IllegalStateException("GitHub granted repository " + repo + " not asked for");
      }
    }
    for (String permission : permissions) {
      String[] parts = permission.split(":", 2);
      String asked = ask.permissions().get(parts[0]);
      if (asked == null || ("read".equals(asked) && !"read".equals(parts[1]))) {
        throw new IllegalStateException("GitHub granted " + permission + " not asked for");
      }
    }
  }

  private static String message(String body) {
    try {
      String message = JSON.readTree(body).path("message").asText("");
      return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    } catch (IOException e) {
      return "(no JSON message)";
    }
  }
}
