package dev.tether.agent.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shapes of Spring AI's {@code ChatResponse}, {@code Generation}, {@code AssistantMessage} and
 * {@code AssistantMessage.ToolCall}, and of Google ADK's {@code Event} (public accessors of the same
 * names), which the agent reads reflectively.
 */
class ToolBatchRequestsTest {

  private static final String MANAGER = "org.springframework.ai.model.tool.DefaultToolCallingManager";

  public record ToolCall(String id, String type, String name, String arguments) {}

  public static class AssistantMessage {
    private final List<ToolCall> toolCalls;

    AssistantMessage(List<ToolCall> toolCalls) {
      this.toolCalls = toolCalls;
    }

    public List<ToolCall> getToolCalls() {
      return toolCalls;
    }
  }

  public static class Generation {
    private final AssistantMessage output;

    Generation(AssistantMessage output) {
      this.output = output;
    }

    public AssistantMessage getOutput() {
      return output;
    }
  }

  public static class ChatResponse {
    private final List<Generation> results;

    ChatResponse(List<Generation> results) {
      this.results = results;
    }

    public List<Generation> getResults() {
      return results;
    }
  }

  /** Shaped like Google ADK's {@code Event}: a model response and the function calls it asks for. */
  public static class Event {
    private final List<ToolCall> functionCalls;

    Event(List<ToolCall> functionCalls) {
      this.functionCalls = functionCalls;
    }

    public final List<ToolCall> functionCalls() {
      return functionCalls;
    }
  }

  private static ToolCall call(String id, String name) {
    return new ToolCall(id, "function", name, "{}");
  }

  private static List<String> names(Iterable<?> requests) {
    List<String> names = new ArrayList<>();
    for (Object request : requests) {
      names.add(((ToolCall) request).name());
    }
    return names;
  }

  @Test
  void aListIsTheRequestsItself() {
    List<ToolCall> requests = List.of(call("c1", "readReports"));

    assertThat(ToolBatchRequests.of(requests, MANAGER)).isSameAs(requests);
  }

  @Test
  void aResponseGivesTheCallsOfItsFirstResultThatHasAny() {
    ChatResponse response =
        new ChatResponse(
            List.of(
                new Generation(new AssistantMessage(List.of())),
                new Generation(new AssistantMessage(List.of(call("c1", "readReports"), call("c2", "readLedger")))),
                new Generation(new AssistantMessage(List.of(call("c3", "other"))))));

    assertThat(names(ToolBatchRequests.of(response, MANAGER))).containsExactly("readReports", "readLedger");
  }

  @Test
  void aMessageGivesItsCalls() {
    AssistantMessage message = new AssistantMessage(List.of(call("c1", "readArchive")));

    assertThat(names(ToolBatchRequests.of(message, MANAGER))).containsExactly("readArchive");
  }

  @Test
  void anEventGivesItsFunctionCalls() {
    String functions = "com.google.adk.flows.llmflows.Functions";
    List<ToolCall> calls = List.of(call("adk-1", "readReports"), call("adk-2", "readLedger"));

    assertThat(ToolBatchRequests.of(new Event(calls), functions)).isSameAs(calls);
    assertThat(ToolBatchRequests.of(new Event(null), functions)).isEmpty();
  }

  @Test
  void aResponseWithoutToolCallsGivesNone() {
    ChatResponse response = new ChatResponse(List.of(new Generation(new AssistantMessage(null))));

    assertThat(ToolBatchRequests.of(response, MANAGER)).isEmpty();
    assertThat(ToolBatchRequests.of(null, MANAGER)).isEmpty();
  }

  @Test
  void anUnreadableOriginGivesNoneAndIsReportedOnce() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(ToolBatchRequests.of(new StringBuilder("opaque"), MANAGER)).isEmpty();
      assertThat(ToolBatchRequests.of(new StringBuilder("again"), MANAGER)).isEmpty();
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("[tether] Spring AI ran a tool phase for a java.lang.StringBuilder");
  }
}
