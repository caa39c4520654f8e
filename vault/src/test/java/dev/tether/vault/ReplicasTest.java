package dev.tether.vault;

import static dev.tether.vault.SharedStoreReplicas.AGENT_TOKEN;
import static dev.tether.vault.SharedStoreReplicas.ORCHESTRATOR_TOKEN;
import static dev.tether.vault.SharedStoreReplicas.RESOURCE_SERVER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.core.pop.PopProofs;
import dev.tether.core.token.LayeredToken;
import dev.tether.core.token.ToolRights;
import dev.tether.core.wire.ApiToken;
import dev.tether.core.wire.ApiTokenRequest;
import dev.tether.core.wire.AwsCredentialsRequest;
import dev.tether.core.wire.Evidence;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.RedeemRequest;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireHttp;
import dev.tether.core.wire.WireJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several Vault replicas (Vaults in this JVM, each on its own port) sharing one real Redis and one
 * set of keys: a single-use token is accepted once whichever replica it reaches, a replica's loss
 * loses nothing, and a restarted replica accepts no replay of what was consumed before it.
 */
class ReplicasTest {

  private static final String INTROSPECT = "tether.vault.introspect";

  @RegisterExtension
  static final SharedStoreReplicas replicas = new SharedStoreReplicas("tether-vault/replicas-test");

  @Test
  void ofAThousandConcurrentPresentationsOfEachOfAHundredSingleUseTokensExactlyOneIsAccepted()
      throws Exception {
    ReplicaSpans spansA = new ReplicaSpans();
    ReplicaSpans spansB = new ReplicaSpans();
    TetherVault a = replica(spansA);
    TetherVault b = replica(spansB);
    LayeredToken task = new TokenFlow(a).task("read_file");
    int presentations = 1000;
    int waves = 4; // a tool call, and so its API token, lives 60 s at most: 25 tokens a wave
    List<String> tokens = new ArrayList<>();
    AtomicIntegerArray accepted = new AtomicIntegerArray(100);
    Introspector[] replicas = {new Introspector(a), new Introspector(b)};
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      for (int wave = 0; wave < waves; wave++) {
        int first = tokens.size();
        for (int i = first; i < first + 100 / waves; i++) {
          tokens.add(mint(i % 2 == 0 ? a : b, task, "mint-" + i).token());
        }
        // Token by token: the 1,000 presentations of one token are in flight together, spread
        // over both replicas, 32 at a time (the replicas' 16 request threads are all busy).
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = first; t < tokens.size(); t++) {
          for (int p = 0; p < presentations; p++) {
            int index = t;
            String token = tokens.get(t);
            Introspector replica = replicas[p % 2];
            done.add(pool.submit(() -> {
              go.await();
              if (replica.active(token)) {
                accepted.incrementAndGet(index);
              }
              return null;
            }));
          }
        }
        go.countDown();
        for (Future<?> presentation : done) {
          presentation.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }

    for (int t = 0; t < tokens.size(); t++) {
      assertThat(accepted.get(t)).as("acceptances of token %d", t).isEqualTo(1);
    }
    assertThat(ReplicaSpans.sum(INTROSPECT, spansA, spansB))
        .containsExactlyInAnyOrderEntriesOf(Map.of("allow", 100L, "token_used", 99_900L));
    assertThat(spansA.outcomes(INTROSPECT).values().stream().mapToLong(Long::longValue).sum())
        .as("presentations answered by replica A").isEqualTo(50_000L);
  }

  @Test
  void whenOneReplicaStopsMidLoadTheOtherCarriesOnAndNothingIsLost() throws Exception {
    ReplicaSpans spansA = new ReplicaSpans();
    ReplicaSpans spansB = new ReplicaSpans();
    TetherVault a = replica(spansA);
    TetherVault b = replica(spansB);
    LayeredToken task = new TokenFlow(a).task("read_file");
    // State made at A that nobody has used yet when A goes.
    List<String> unpresentedFromA = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      unpresentedFromA.add(mint(a, task, "pending-" + i).token());
    }
    String grantFromA = new TokenFlow(a).grant(TokenFlow.TASK, TokenFlow.USER,
        List.of(TokenFlow.REPO), "read_file").token();
    Evidence evidenceOverANonceFromA = TestLauncher.evidence(a.url(), AGENT_TOKEN);

    // Each worker mints a token at one replica and presents it at the other, as a client behind
    // a load balancer would; once A is gone, its requests fail over to B.
    TetherVault[] replicas = {a, b};
    Introspector[] introspectors = {new Introspector(a), new Introspector(b)};
    int workers = 8;
    int iterations = 60;
    AtomicBoolean aStopped = new AtomicBoolean();
    AtomicInteger answeredByBAfterTheStop = new AtomicInteger();
    AtomicInteger minted = new AtomicInteger();
    List<String> failuresAtB = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch aThirdDone = new CountDownLatch(workers * iterations / 3);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      done.add(pool.submit(() -> {
        for (int k = 0; k < iterations; k++) {
          int first = (worker + k) % 2;
          String callId = "load-" + worker + "-" + k;
          String token = failover(first, aStopped, answeredByBAfterTheStop, failuresAtB,
              replica -> mint(replicas[replica], task, callId).token());
          if (token != null) {
            minted.incrementAndGet();
            failover(1 - first, aStopped, answeredByBAfterTheStop, failuresAtB,
                replica -> introspectors[replica].active(token));
          }
          aThirdDone.countDown();
        }
        return null;
      }));
    }
    aThirdDone.await();
    a.close(); // mid-load: requests in flight to A may fail, none to B may
    aStopped.set(true);
    for (Future<?> worker : done) {
      worker.get();
    }
    pool.shutdownNow();

    assertThat(failuresAtB).isEmpty();
    assertThat(minted.get()).isEqualTo(workers * iterations);
    assertThat(answeredByBAfterTheStop.get()).as("B carried on").isGreaterThan(workers * 10);
    // Every token was accepted exactly once, by A before it went or by B: both record it.
    assertThat(ReplicaSpans.sum(INTROSPECT, spansA, spansB).get("allow"))
        .isEqualTo((long) minted.get());
    // Nothing A recorded is lost with it: its tokens, its nonce and its grant are good at B.
    Introspector atB = introspectors[1];
    for (String token : unpresentedFromA) {
      assertThat(atB.active(token)).as("a token A minted, first presented at B").isTrue();
      assertThat(atB.active(token)).as("and only once").isFalse();
    }
    IssuedToken redeemedAtB = WireHttp.post(b.url(), "/v1/tasks", AGENT_TOKEN, 10_000,
        new RedeemRequest(grantFromA, TokenFlow.AGENT, evidenceOverANonceFromA),
        IssuedToken.class, url -> WorkloadProofs.proof(url, grantFromA));
    assertThat(redeemedAtB.taskId()).isEqualTo(TokenFlow.TASK);
  }

  /**
   * Sends to replica {@code preferred} (0 is A, 1 is B); a request A fails goes to B. A failure at
   * B is recorded: B must answer everything.
   *
   * @return the answer, or {@code null} when B failed
   */
  private static <R> R failover(int preferred, AtomicBoolean aStopped, AtomicInteger answeredByB,
      List<String> failuresAtB, java.util.function.IntFunction<R> request) {
    if (preferred == 0) {
      try {
        return request.apply(0);
      } catch (RuntimeException aFailed) {
        // A is going or gone: B takes over
      }
    }
    boolean afterStop = aStopped.get();
    try {
      R answer = request.apply(1);
      if (afterStop) {
        answeredByB.incrementAndGet();
      }
      return answer;
    } catch (RuntimeException e) {
      failuresAtB.add(e.toString());
      return null;
    }
  }

  @Test
  void aRestartedReplicaAcceptsNoReplayOfWhatWasConsumedBefore() throws Exception {
    TetherVault a = replica(new ReplicaSpans());
    TetherVault b = replica(new ReplicaSpans());
    TokenFlow atA = new TokenFlow(a);
    LayeredToken task = atA.task("read_file");
    // Consumed at A: a single-use API token, a nonce (with the grant it redeemed), a grant,
    // and a proof of possession.
    String spentToken = mint(a, task, "spent").token();
    assertThat(new Introspector(a).active(spentToken)).isTrue();
    String grant = atA.grant(TokenFlow.TASK, TokenFlow.USER, List.of(TokenFlow.REPO),
        "read_file").token();
    Evidence usedEvidence = TestLauncher.evidence(a.url(), AGENT_TOKEN);
    WireHttp.post(a.url(), "/v1/tasks", AGENT_TOKEN, 10_000,
        new RedeemRequest(grant, TokenFlow.AGENT, usedEvidence), IssuedToken.class,
        url -> WorkloadProofs.proof(url, grant));
    String callToken = call(task, "exchanged").encode();
    URI credentials = a.url().resolve("/v1/aws/credentials");
    String usedProof = PopProofs.create(WorkloadProofs.KEY, "POST", credentials.toString(),
        callToken, System.currentTimeMillis() / 1000);
    assertThat(postCredentials(a, callToken, usedProof).statusCode()).isEqualTo(200);
    int port = a.url().getPort();

    a.close();
    ReplicaSpans restartedSpans = new ReplicaSpans();
    TetherVault restarted = replica(restartedSpans, port);
    assertThat(restarted.url()).isEqualTo(a.url());

    assertThat(new Introspector(restarted).active(spentToken)).isFalse();
    assertThat(restartedSpans.outcomes(INTROSPECT)).containsEntry("token_used", 1L);

    String freshGrant = new TokenFlow(restarted).grant(TokenFlow.TASK, TokenFlow.USER,
        List.of(TokenFlow.REPO), "read_file").token();
    WireHttp.Failure nonceReplay = catchThrowableOfType(WireHttp.Failure.class,
        () -> WireHttp.post(restarted.url(), "/v1/tasks", AGENT_TOKEN, 10_000,
            new RedeemRequest(freshGrant, TokenFlow.AGENT, usedEvidence), IssuedToken.class,
            url -> WorkloadProofs.proof(url, freshGrant)));
    assertThat(nonceReplay.code()).isEqualTo("nonce_used");

    WireHttp.Failure grantReplay = catchThrowableOfType(WireHttp.Failure.class,
        () -> new TokenFlow(restarted).redeem(grant));
    assertThat(grantReplay.status()).isEqualTo(409);
    assertThat(grantReplay.code()).isEqualTo(VaultError.GRANT_REDEEMED);

    HttpResponse<String> proofReplay = postCredentials(restarted, callToken, usedProof);
    assertThat(proofReplay.statusCode()).isEqualTo(403);
    assertThat(VaultHttp.json(proofReplay).get("error").asText()).isEqualTo("pop_replayed");
    assertThat(postCredentials(b, callToken, usedProof).statusCode())
        .as("nor does the other replica: the proof names A's URL").isEqualTo(403);

    // What was not consumed still works at the restarted replica: the task A made, a new call.
    assertThat(new TokenFlow(restarted).exchange(call(task, "after-restart"), 0).statusCode())
        .isEqualTo(200);
    assertThat(restarted.issuances()).extracting(Issuance::callId)
        .contains("exchanged", "after-restart");
  }

  @Test
  void aNonceABindingAndTheIssuancesOfOneReplicaAreEveryReplicas() throws Exception {
    TetherVault a = replica(new ReplicaSpans());
    TetherVault b = replica(new ReplicaSpans());
    String grant = new TokenFlow(a).grant(TokenFlow.TASK, TokenFlow.USER,
        List.of(TokenFlow.REPO), "read_file").token();
    // A nonce from A spent at B, for a grant A minted: B binds the key.
    IssuedToken task = WireHttp.post(b.url(), "/v1/tasks", AGENT_TOKEN, 10_000,
        new RedeemRequest(grant, TokenFlow.AGENT, TestLauncher.evidence(a.url(), AGENT_TOKEN)),
        IssuedToken.class, url -> WorkloadProofs.proof(url, grant));
    LayeredToken taskToken = LayeredToken.parse(task.token());

    assertThat(new TokenFlow(a).exchange(call(taskToken, "at-a"), 0).statusCode())
        .isEqualTo(200);
    assertThat(b.issuances()).extracting(Issuance::callId).contains("at-a");
    // Asking at B for re-attestation reaches the binding B made and A checks.
    assertThat(b.requireReattestation()).isGreaterThanOrEqualTo(1);
    HttpResponse<String> stale = new TokenFlow(a).exchange(call(taskToken, "stale-at-a"), 0);
    assertThat(VaultHttp.json(stale).get("error").asText()).isEqualTo("attestation_stale");
  }

  // --- helpers ---

  private TetherVault replica(ReplicaSpans spans) {
    return replica(spans, 0);
  }

  private TetherVault replica(ReplicaSpans spans, int port) {
    return replicas.replica(spans, port);
  }

  /** A tool call issued now, for the 60 s a tool call may live at most. */
  private static LayeredToken call(LayeredToken task, String id) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    return TokenFlow.toolCall(task, "read_file", id, ToolRights.inherited(), now, now + 60);
  }

  private static ApiToken mint(TetherVault replica, LayeredToken task, String callId) {
    String call;
    try {
      call = call(task, callId).encode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    HttpResponse<String> response = new VaultHttp(replica.url()).post("/v1/api-tokens",
        AGENT_TOKEN, WireJson.write(new ApiTokenRequest(call, "api.example.com")));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("mint at " + replica.url() + ": HTTP "
          + response.statusCode() + " " + response.body());
    }
    return WireJson.read(response.body().getBytes(StandardCharsets.UTF_8), ApiToken.class);
  }

  private static HttpResponse<String> postCredentials(
      TetherVault replica, String token, String proof) {
    return new VaultHttp(replica.url()).send(HttpRequest.newBuilder(
            replica.url().resolve("/v1/aws/credentials"))
        .header("Authorization", "Bearer " + AGENT_TOKEN)
        .header("Content-Type", "application/json")
        .header(PopProofs.HEADER, proof)
        .POST(HttpRequest.BodyPublishers.ofByteArray(
            WireJson.write(new AwsCredentialsRequest(token, 0))))
        .build());
  }

  /** A resource server asking one replica about API tokens: a kept-alive connection a thread. */
  private static final class Introspector {
    private final URI base;
    private final ThreadLocal<KeepAliveHttp> connection;

    Introspector(TetherVault replica) {
      this.base = replica.url();
      this.connection = ThreadLocal.withInitial(() -> new KeepAliveHttp(base));
    }

    /** Whether the replica accepted the token; throws when it did not answer 200. */
    boolean active(String token) {
      KeepAliveHttp.Answer answer =
          connection.get().postForm("/v1/introspect", RESOURCE_SERVER_TOKEN, "token=" + token);
      if (answer.status() != 200) {
        throw new IllegalStateException(
            base + " answered HTTP " + answer.status() + ": " + answer.body());
      }
      return answer.body().startsWith("{\"active\":true");
    }
  }
}
