package dev.tether.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.AiServices;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scripted model inside the real {@code AiServices} loop: each turn is one response of tool
 * calls, which the framework dispatches (concurrently), then a final answer; off-script answers
 * fail loudly. And the demo's script fits the demo's tools as the framework describes them.
 */
class ScriptedChatModelTest {

  @Test
  void theDemoScriptAsksOnlyForDevToolsWithTheArgumentsTheirMethodsTake() {
    Map<String, ToolSpecification> offered =
        ToolSpecifications.toolSpecificationsFrom(DevTools.class).stream()
            .collect(Collectors.toMap(ToolSpecification::name, Function.identity()));
    List<ScriptedTurn> turns = DemoScript.turns("t-demo-1", "acme/widgets");

    assertThat(turns).extracting(ScriptedTurn::title).isEqualTo(DemoScript.titles());
    assertThat(turns).flatExtracting(ScriptedTurn::tools)
        .containsExactlyInAnyOrderElementsOf(offered.keySet());
    for (ScriptedTurn turn : turns) {
      for (ScriptedToolCall call : turn.calls()) {
        ToolSpecification tool = offered.get(call.tool());
        Set<String> parameters =
            tool.parameters() == null ? Set.of() : tool.parameters().properties().keySet();
        assertThat(JsonParser.parseString(call.arguments()).getAsJsonObject().keySet())
            .as("arguments of %s", call.id())
            .isEqualTo(parameters);
      }
    }
    assertThat(turns).flatExtracting(ScriptedTurn::calls).extracting(ScriptedToolCall::id)
        .doesNotHaveDuplicates();
  }

  @Test
  void eachTurnIsOneResponseOfToolCallsThatTheFrameworkRunsTogetherThenTheAnswer() {
    MeetingTools tools = new MeetingTools(new CyclicBarrier(2));
    CodingAssistant assistant =
        AiServices.builder(CodingAssistant.class)
            .chatModel(new ScriptedChatModel(List.of(
                new ScriptedTurn(1, "turn 1", "look", List.of(
                    new ScriptedToolCall("a", "left", "{}"),
                    new ScriptedToolCall("b", "right", "{}"))),
                new ScriptedTurn(2, "turn 2", "write", List.of(
                    new ScriptedToolCall("c", "echo", "{\"text\": \"line one\\nline two\"}"))))))
            .tools(tools)
            .executeToolsConcurrently()
            .build();

    assertThat(assistant.chat("look")).isEqualTo("done: left met right; right met left");
    assertThat(assistant.chat("write")).isEqualTo("done: echo line one\nline two");
    // Both calls of turn 1 waited for each other, away from the caller's thread.
    assertThat(tools.threads).containsOnlyKeys("left", "right", "echo");
    assertThat(tools.threads.get("left")).isNotSameAs(tools.threads.get("right"));
    assertThat(tools.threads.get("left")).isNotSameAs(Thread.currentThread());
    assertThat(tools.threads.get("right")).isNotSameAs(Thread.currentThread());
  }

  @Test
  void aCallThatFailsInTheFrameworkEndsTheTurnWithItsIdAndReason() {
    CodingAssistant assistant =
        AiServices.builder(CodingAssistant.class)
            .chatModel(new ScriptedChatModel(List.of(
                new ScriptedTurn(1, "turn 1", "write", List.of(
                    new ScriptedToolCall("c", "broken", "{}"))))))
            .tools(new MeetingTools(null))
            .build();

    assertThatThrownBy(() -> assistant.chat("write"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("call c (broken) failed: the tool broke");
  }

  @Test
  void aToolTheServiceDoesNotOfferOrAnUnknownPromptIsRefused() {
    CodingAssistant assistant =
        AiServices.builder(CodingAssistant.class)
            .chatModel(new ScriptedChatModel(List.of(
                new ScriptedTurn(1, "turn 1", "look", List.of(
                    new ScriptedToolCall("a", "missing", "{}"))))))
            .tools(new MeetingTools(null))
            .build();

    assertThatThrownBy(() -> assistant.chat("look"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("turn 1 asks for tool 'missing', which the AI service does not offer");
    assertThatThrownBy(() -> assistant.chat("hello"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the script has no turn with the prompt 'hello'");
  }

  /** Tools that note their thread; left and right meet at a barrier when one is given. */
  public static final class MeetingTools {
    final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final CyclicBarrier together;

    MeetingTools(CyclicBarrier together) {
      this.together = together;
    }

    @Tool("meets right")
    public String left() {
      return meet("left", "right");
    }

    @Tool("meets left")
    public String right() {
      return meet("right", "left");
    }

    @Tool("echoes")
    public String echo(@P(name = "text", description = "what to echo") String text) {
      threads.put("echo", Thread.currentThread());
      return "echo " + text;
    }

    @Tool("always fails")
    public String broken() {
      throw new IllegalStateException("the tool broke");
    }

    private String meet(String self, String other) {
      threads.put(self, Thread.currentThread());
      try {
        // Generous: only a loop that runs the two calls one after the other waits this long.
        together.await(30, TimeUnit.SECONDS);
        return self + " met " + other;
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        return self + " did not meet " + other + ": " + e;
      }
    }
  }
}
