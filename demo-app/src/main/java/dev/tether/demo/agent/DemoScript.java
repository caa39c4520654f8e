package dev.tether.demo.agent;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What the scripted model asks for, turn by turn: the calls a model might have chosen to fix the
 * task's build. Each turn's calls come in one model response, so the framework runs them
 * together.
 */
final class DemoScript {

  static final String TURN_1 = "turn 1: understand the failing build";
  static final String TURN_2 = "turn 2: fix and report";

  private static final String PATCH =
      "--- a/src/Main.java\n+++ b/src/Main.java\n-  brokn();\n+  fixed();\n";

  private DemoScript() {}

  static List<ScriptedTurn> turns(String taskId, String repo) {
    return List.of(
        new ScriptedTurn(
            1,
            TURN_1,
            "The build of " + repo + " fails. Find out why.",
            List.of(
                new ScriptedToolCall("t1.1", "fetchSources", "{}"),
                new ScriptedToolCall("t1.2", "readBuildLog", "{}"))),
        new ScriptedTurn(
            2,
            TURN_2,
            "Fix the build, publish a summary and open a pull request.",
            List.of(
                call("t2.1", "writePatch", "diff", PATCH),
                call(
                    "t2.2",
                    "publishReport",
                    "summary",
                    "# " + taskId + "\n\nBuild fixed: a typo in Main.java.\n"),
                call("t2.3", "openPullRequest", "title", "Fix the build: a typo in Main.java"))));
  }

  static List<String> titles() {
    return List.of(TURN_1, TURN_2);
  }

  /** A call with one argument, JSON-encoded as a model sends it. */
  private static ScriptedToolCall call(String id, String tool, String parameter, String value) {
    JsonObject arguments = new JsonObject();
    arguments.addProperty(parameter, value);
    return new ScriptedToolCall(id, tool, arguments.toString());
  }
}
