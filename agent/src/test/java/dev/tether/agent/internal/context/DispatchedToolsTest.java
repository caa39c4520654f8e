package dev.tether.agent.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.agent.internal.config.TetherConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchedToolsTest {

  private static final String DISPATCHER = "dev.langchain4j.service.tool.ToolService";

  private final DispatchedTools tools;

  DispatchedToolsTest() throws Exception {
    TetherConfig config =
        ConfigLoader.parse(
            String.join(
                "\n",
                "tools:",
                "  - name: readReports",
                "    aws:",
                "      actions: [s3:GetObject]",
                "      resources: [\"arn:aws:s3:::it-data/reports/*\"]",
                "  - name: save",
                "    boundary: a.b.Saver#save",
                ""),
            "test.yaml");
    tools = new DispatchedTools(config);
  }

  private static ToolExecutionRequest request(String id, String name) {
    return ToolExecutionRequest.builder().id(id).name(name).arguments("{}").build();
  }

  @Test
  void readsTheNameAndIdTheModelGave() {
    ToolExecutionRequest request = request("call_1", "readReports");

    assertThat(tools.name(request, DISPATCHER)).isEqualTo("readReports");
    assertThat(tools.callId(request)).isEqualTo("call_1");
  }

  @Test
  void mapsANameToTheConfiguredToolOfThatName() {
    ToolBoundaries.Binding binding = tools.binding("readReports", DISPATCHER);

    assertThat(binding.toolName()).isEqualTo("readReports");
    assertThat(binding.config().aws().actions()).containsExactly("s3:GetObject");
    assertThat(tools.binding("readReports", DISPATCHER)).as("resolved once").isSameAs(binding);
    assertThat(tools.binding("save", DISPATCHER).config().boundary())
        .as("a tool with a boundary method is also found by its name").isNotNull();
  }

  @Test
  void aNameWithNoEntryRunsOutsideAnyToolReportedOnce() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(tools.binding("unlisted", DISPATCHER)).isNull();
      assertThat(tools.binding("unlisted", DISPATCHER)).isNull();
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("LangChain4j tool 'unlisted' has no entry under 'tools:'");
  }

  @Test
  void aRequestWithoutANameOpensNothing() {
    assertThat(tools.name(new Object(), DISPATCHER)).isNull();
    assertThat(tools.name(null, DISPATCHER)).isNull();
    assertThat(tools.callId(new Object())).isNull();
  }

  @Test
  void aToolPhaseNamesEachRequestedToolOnce() {
    List<ToolExecutionRequest> requests =
        List.of(request("1", "readReports"), request("2", "readLedger"), request("3", "readReports"));

    assertThat(tools.names(requests, DISPATCHER)).containsExactly("readReports", "readLedger");
    assertThat(tools.names("not a list", DISPATCHER)).isEmpty();
  }

  private static final String ADK_FUNCTIONS = "com.google.adk.flows.llmflows.Functions";

  /**
   * Shaped like the {@code FunctionCall} of Google ADK's model responses (google-genai): a public
   * abstract class whose accessors return {@code Optional}, its values in a hidden subclass.
   */
  public abstract static class FunctionCall {
    public abstract Optional<String> name();

    public abstract Optional<String> id();
  }

  private static final class GeneratedFunctionCall extends FunctionCall {
    private final String name;

    GeneratedFunctionCall(String name) {
      this.name = name;
    }

    @Override
    public Optional<String> name() {
      return Optional.ofNullable(name);
    }

    @Override
    public Optional<String> id() {
      return Optional.of("adk-" + name);
    }
  }

  @Test
  void readsANameGivenAsAnOptional() {
    assertThat(tools.name(new GeneratedFunctionCall("readReports"), ADK_FUNCTIONS))
        .isEqualTo("readReports");
    assertThat(
            tools.names(
                List.of(
                    new GeneratedFunctionCall("readReports"),
                    new GeneratedFunctionCall("readLedger"),
                    new GeneratedFunctionCall("readReports")),
                ADK_FUNCTIONS))
        .containsExactly("readReports", "readLedger");
  }

  @Test
  void anEmptyOptionalNameIsNoNameReportedOnce() {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(tools.name(new GeneratedFunctionCall(null), ADK_FUNCTIONS)).isNull();
      assertThat(tools.names(List.of(new GeneratedFunctionCall(null)), ADK_FUNCTIONS)).isEmpty();
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsOnlyOnce("[tether] Google ADK dispatched a " + GeneratedFunctionCall.class.getName()
            + " without a readable name()");
  }

  /** Shaped like Google ADK's ToolContext: the model's function call id, when it gave one. */
  public static final class FunctionCallContext {
    private final String id;

    FunctionCallContext(String id) {
      this.id = id;
    }

    public Optional<String> functionCallId() {
      return Optional.ofNullable(id);
    }
  }

  /** Shaped like Embabel's ToolCall: a bean with getName() and getId(). */
  public static final class BeanCall {
    public String getName() {
      return "readReports";
    }

    public String getId() {
      return "toolu_01";
    }
  }

  @Test
  void readsABeansNameAndId() {
    assertThat(tools.name(new BeanCall(), DISPATCHER)).isEqualTo("readReports");
    assertThat(tools.callId(new BeanCall())).isEqualTo("toolu_01");
  }

  @Test
  void readsAFunctionCallIdFromAnOptional() {
    assertThat(tools.callId(new FunctionCallContext("adk-call-7"))).isEqualTo("adk-call-7");
    assertThat(tools.callId(new FunctionCallContext(null))).as("the model gave none").isNull();
    assertThat(tools.callId(new FunctionCallContext(""))).isNull();
  }

  /** Shaped like Spring AI's ToolCallback: the name is on the definition. */
  public static final class DefinedCallback {
    public Definition getToolDefinition() {
      return new Definition();
    }
  }

  public static final class Definition {
    public String name() {
      return "readReports";
    }
  }

  /** Shaped like a tool object with a bean-style name. */
  public static final class BeanTool {
    public String getName() {
      return "save";
    }
  }

  @Test
  void readsTheNameFromAToolDefinitionOrABeanProperty() {
    assertThat(tools.name(new DefinedCallback(), "org.springframework.ai.tool.ToolCallback"))
        .isEqualTo("readReports");
    assertThat(tools.name(new BeanTool(), "com.google.adk.tools.BaseTool")).isEqualTo("save");
    assertThat(DispatchedTools.framework("org.springframework.ai.tool.ToolCallback"))
        .isEqualTo("Spring AI");
    assertThat(DispatchedTools.framework("io.modelcontextprotocol.server.McpServerFeatures"))
        .isEqualTo("The MCP Java SDK");
  }

  /** A framework's public interface, implemented by a class the agent cannot call directly. */
  public interface NamedCallback {
    Definition getToolDefinition();
  }

  @Test
  void readsTheNameOfACallbackWhoseClassIsNotPublic() {
    NamedCallback anonymous =
        new NamedCallback() {
          @Override
          public Definition getToolDefinition() {
            return new Definition();
          }
        };
    assertThat(tools.name(anonymous, "org.springframework.ai.tool.ToolCallback"))
        .isEqualTo("readReports");
    assertThat(tools.name(new PackagePrivateTool(), "com.google.adk.tools.BaseTool")).isEqualTo("save");
  }

  /** Package-private, and no public supertype declares getName(): made accessible instead. */
  static final class PackagePrivateTool {
    public String getName() {
      return "save";
    }
  }
}
