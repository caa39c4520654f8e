package dev.tether.agent.internal.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.tether.agent.internal.config.ConfigLoader;
import dev.tether.agent.internal.config.TetherConfig;
import org.junit.jupiter.api.Test;

class ToolBoundariesTest {

  public static final class Tools {
    @Tool("no name: the method name is the tool name")
    public String readLog(String path) {
      return path;
    }

    @Tool(name = "fetch_sources", value = "named")
    public void fetch() {}

    public void configured() {}
  }

  private final TetherConfig config;

  ToolBoundariesTest() throws Exception {
    config =
        ConfigLoader.parse(
            String.join(
                "\n",
                "tools:",
                "  - name: fetch_sources",
                "    aws:",
                "      actions: [s3:GetObject]",
                "      resources: [\"arn:aws:s3:::src/*\"]",
                "  - name: save",
                "    boundary: " + Tools.class.getName() + "#configured",
                ""),
            "test.yaml");
  }

  @Test
  void annotationNameThenMethodNameThenConfiguredBoundary() {
    ToolBoundaries boundaries = new ToolBoundaries(config);

    ToolBoundaries.Binding named = boundaries.resolve(Tools.class, "fetch", "()V");
    assertThat(named.toolName()).isEqualTo("fetch_sources");
    assertThat(named.config()).isNotNull();

    ToolBoundaries.Binding unnamed = boundaries.resolve(Tools.class, "readLog", "(Ljava/lang/String;)Ljava/lang/String;");
    assertThat(unnamed.toolName()).isEqualTo("readLog");
    assertThat(unnamed.config()).as("no entry: its AWS calls will be refused").isNull();

    ToolBoundaries.Binding configured = boundaries.resolve(Tools.class, "configured", "()V");
    assertThat(configured.toolName()).isEqualTo("save");

    assertThat(boundaries.resolve(Tools.class, "fetch", "()V")).as("resolved once").isSameAs(named);
  }
}
