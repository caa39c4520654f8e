package dev.tether.agent.internal.http;

import dev.tether.agent.internal.config.ApiConfig;
import dev.tether.agent.internal.telemetry.SpanHandle;
import dev.tether.agent.internal.telemetry.Telemetry;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Revokes a tool call's GitHub installation token when the call ends, as GitHub documents ({@code
 * DELETE /installation/token}, authenticated by the token itself, 204), so that a copy taken during
 * the call is worth nothing afterwards instead of for the rest of its hour. On its own daemon
 * thread: a tool's exit never waits for GitHub, and a revocation that fails is a failed {@code
 * tether.exchange} span, the token then lapsing at its expiry.
 */
final class GitHubTokenRevoker {

  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int MAX_QUEUED = 1_000;

  private final Telemetry telemetry;
  private volatile ExecutorService executor;

  GitHubTokenRevoker(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  /**
   * @param api the GitHub API the token was for
   * @param headerValue the header's value it went out with, scheme included
   */
  void revoke(ApiConfig api, String headerValue, String tool, SpanHandle parent) {
    try {
      executor().execute(new Revocation(api, headerValue, tool, parent));
    } catch (RuntimeException full) {
      SpanHandle span = telemetry.start(Telemetry.SPAN_EXCHANGE, parent)
          .attribute("tether.layer", "github_token_revoke")
          .attribute("tether.tool", tool);
      span.fail("not revoked: " + MAX_QUEUED + " revocations are waiting already; the token"
          + " lapses at its expiry");
      span.end();
    }
  }

  private ExecutorService executor() {
    ExecutorService current = executor;
    if (current == null) {
      synchronized (this) {
        current = executor;
        if (current == null) {
          ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(MAX_QUEUED), GitHubTokenRevoker::thread);
          pool.allowCoreThreadTimeOut(true);
          executor = current = pool;
        }
      }
    }
    return current;
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "tether-github-revoke");
    thread.setDaemon(true);
    return thread;
  }

  private final class Revocation implements Runnable {
    private final ApiConfig api;
    private final String headerValue;
    private final String tool;
    private final SpanHandle parent;

    Revocation(ApiConfig api, String headerValue, String tool, SpanHandle parent) {
      this.api = api;
      this.headerValue = headerValue;
      this.tool = tool;
      this.parent = parent;
    }

    @Override
    public void run() {
      SpanHandle span = telemetry.start(Telemetry.SPAN_EXCHANGE, parent)
          .attribute("tether.layer", "github_token_revoke")
          .attribute("tether.tool", tool)
          .attribute("tether.api.audience", api.host());
      try {
        int status = delete();
        if (status != 204) {
          span.fail("GitHub answered HTTP " + status + " to the revocation; the token lapses at"
              + " its expiry");
        }
      } catch (IOException | RuntimeException e) {
        span.fail("the revocation did not reach " + api.host() + " (" + e.getClass().getSimpleName()
            + "); the token lapses at its expiry");
      } finally {
        span.end();
      }
    }

    private int delete() throws IOException {
      String scheme = HttpRequestGuard.isLoopback(api.hostName()) ? "http" : "https";
      return DirectHttp.exchange(
          URI.create(scheme + "://" + api.host() + "/installation/token"),
          "DELETE",
          Map.of(api.header(), headerValue,
              "Accept", "application/vnd.github+json",
              "X-GitHub-Api-Version", "2022-11-28"),
          null,
          TIMEOUT_MILLIS,
          TIMEOUT_MILLIS).status();
    }
  }
}
