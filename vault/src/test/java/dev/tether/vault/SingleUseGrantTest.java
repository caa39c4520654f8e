package dev.tether.vault;

import static dev.tether.vault.TokenFlow.REPO;
import static dev.tether.vault.TokenFlow.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tether.core.token.LayeredToken;
import dev.tether.core.wire.IssuedToken;
import dev.tether.core.wire.VaultError;
import dev.tether.core.wire.WireHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A grant is redeemed once, however many present it at the same time. */
class SingleUseGrantTest {

  private static final int CALLERS = 200;

  private TetherVault vault;
  private TokenFlow flow;

  @BeforeEach
  void start() {
    vault = TetherVault.start(TokenFlow.settings());
    flow = new TokenFlow(vault);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void twoHundredConcurrentRedemptionsOfOneGrantYieldExactlyOneTaskToken() throws Exception {
    String grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file").token();
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    CountDownLatch ready = new CountDownLatch(CALLERS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Object>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < CALLERS; i++) {
        outcomes.add(
            callers.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  try {
                    return flow.redeem(grant);
                  } catch (WireHttp.Failure refused) {
                    return refused;
                  }
                }));
      }
      ready.await();
      go.countDown();

      List<IssuedToken> tasks = new ArrayList<>();
      List<WireHttp.Failure> refusals = new ArrayList<>();
      for (Future<Object> outcome : outcomes) {
        Object result = outcome.get();
        if (result instanceof IssuedToken) {
          tasks.add((IssuedToken) result);
        } else {
          refusals.add((WireHttp.Failure) result);
        }
      }

      assertThat(tasks).hasSize(1);
      assertThat(refusals).hasSize(CALLERS - 1);
      assertThat(refusals)
          .allSatisfy(
              refused -> {
                assertThat(refused.status()).as(refused.getMessage()).isEqualTo(409);
                assertThat(refused.code()).isEqualTo(VaultError.GRANT_REDEEMED);
                assertThat(refused.getMessage()).contains("a grant is single-use");
              });
      // The one task token works.
      LayeredToken call =
          TokenFlow.toolCall(LayeredToken.parse(tasks.get(0).token()), "read_file", "call-1");
      assertThat(flow.exchange(call, 0).statusCode()).isEqualTo(200);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aSecondGrantForTheSameTaskIsANewRedemption() throws Exception {
    IssuedToken first = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file");
    IssuedToken second = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file");

    IssuedToken firstTask = flow.redeem(first.token());
    WireHttp.Failure replay =
        catchThrowableOfType(WireHttp.Failure.class, () -> flow.redeem(first.token()));
    IssuedToken secondTask = flow.redeem(second.token());

    assertThat(second.tokenId()).isNotEqualTo(first.tokenId());
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.getMessage()).contains("grant " + first.tokenId() + " was redeemed before");
    assertThat(secondTask.tokenId()).isNotEqualTo(firstTask.tokenId());
    assertThat(LayeredToken.parse(secondTask.token()).grant().id()).isEqualTo(second.tokenId());
  }

  @Test
  void aRefusedRedemptionDoesNotUseTheGrantUp() throws Exception {
    String grant = flow.grant(TokenFlow.TASK, USER, List.of(REPO), "read_file").token();
    String tampered =
        TokenFlow.replaceLayer(
            grant, 0, TokenFlow.layers(grant).get(0).put("usr", "mallory"));

    WireHttp.Failure refused =
        catchThrowableOfType(WireHttp.Failure.class, () -> flow.redeem(tampered));

    assertThat(refused.code()).isEqualTo("token_tampered");
    assertThat(flow.redeem(grant).taskId()).isEqualTo(TokenFlow.TASK);
  }
}
