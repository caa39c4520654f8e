package dev.tether.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.agent.internal.install.weave.ClassFiles;
import dev.tether.agent.internal.install.weave.TetherFieldSample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In the bridge's package (the bridge module has no tests of its own); the class is internal. */
class ClientThreadContextsTest {

  private final Object toolCall = new Object();
  private final Object otherCall = new Object();

  @AfterEach
  void clear() {
    ToolContext.restore(null);
    ClientThreadContexts.forNextRedirect(null);
  }

  @Test
  void aRememberedRequestIsFoundOnAThreadWithoutContext() {
    Object request = new Object();
    ClientThreadContexts.remember(request, toolCall);
    assertThat(ClientThreadContexts.of(request)).isSameAs(toolCall);
    assertThat(ClientThreadContexts.of(new Object())).isNull();
    assertThat(ClientThreadContexts.of(null)).isNull();
  }

  @Test
  void theRememberedContextWinsOverAnotherCallsOnThisThread() {
    Object request = new Object();
    ClientThreadContexts.remember(request, toolCall);
    ToolContext.attach(otherCall); // a pooled thread that ran another call's task
    assertThat(ClientThreadContexts.of(request)).isSameAs(toolCall);
    assertThat(ClientThreadContexts.of(new Object())).isSameAs(otherCall);
  }

  @Test
  void aLocationChecksContextServesTheNextRedirectCheckOnly() {
    ClientThreadContexts.forNextRedirect(toolCall);
    assertThat(ClientThreadContexts.takeForRedirect()).isSameAs(toolCall);
    assertThat(ClientThreadContexts.takeForRedirect()).as("taken once").isNull();

    ClientThreadContexts.forNextRedirect(toolCall);
    ClientThreadContexts.forNextRedirect(null); // the next location check found none
    assertThat(ClientThreadContexts.takeForRedirect()).isNull();
  }

  @Test
  void aCarrierKeepsItsContextInItsOwnFieldAndTheMapStaysEmpty() throws Exception {
    int before = ClientThreadContexts.inMap();
    TetherField exchange = carrier();
    ClientThreadContexts.remember(exchange, toolCall);
    assertThat(exchange.tether$field()).isSameAs(toolCall);
    assertThat(ClientThreadContexts.inMap()).isEqualTo(before);
    ToolContext.attach(otherCall);
    assertThat(ClientThreadContexts.of(exchange)).isSameAs(toolCall);
    assertThat(ClientThreadContexts.of(carrier())).as("none kept: this thread's")
        .isSameAs(otherCall);
  }

  @Test
  void aRequestSentAgainOutsideAnyToolCallForgetsTheCallItWasSentInBefore() throws Exception {
    TetherField reused = carrier();
    Object inMap = new Object();
    ClientThreadContexts.rememberOrForget(reused, toolCall);
    ClientThreadContexts.rememberOrForget(inMap, toolCall);
    assertThat(ClientThreadContexts.of(reused)).isSameAs(toolCall);
    assertThat(ClientThreadContexts.of(inMap)).isSameAs(toolCall);

    ClientThreadContexts.rememberOrForget(reused, null);
    ClientThreadContexts.rememberOrForget(inMap, null);
    assertThat(ClientThreadContexts.of(reused)).isNull();
    assertThat(ClientThreadContexts.of(inMap)).isNull();
  }

  @Test
  void aHopPassedOnWithoutAContextKeepsTheOneItHas() {
    Object request = new Object();
    ClientThreadContexts.remember(request, toolCall);
    ClientThreadContexts.remember(request, null); // e.g. on a client thread that carries none
    assertThat(ClientThreadContexts.of(request)).isSameAs(toolCall);
  }

  @Test
  void nothingIsRememberedWithoutAContext() {
    Object request = new Object();
    ClientThreadContexts.remember(request, null);
    assertThat(ClientThreadContexts.of(request)).isNull();
  }

  /** An object of a class as the weaver gives it the field (TetherFieldTest checks the class). */
  private static TetherField carrier() throws Exception {
    return (TetherField) ClassFiles.withTetherField(TetherFieldSample.class)
        .getConstructor().newInstance();
  }
}
