package dev.tether.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.scope.AwsScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCatalogueTest {

  @TempDir Path dir;

  @Test
  void readsEachToolsWidestScopeInOrder() throws Exception {
    Path file =
        write(
            "{\"tools\": {"
                + "\"readBuildLog\": {\"aws\": {\"actions\": [\"s3:GetObject\"],"
                + " \"resources\": [\"arn:aws:s3:::build-logs/${task.id}/*\"]}},"
                + "\"noAws\": {\"aws\": {\"actions\": [], \"resources\": []}}}}");

    ToolCatalogue catalogue = ToolCatalogue.read(file);

    assertThat(catalogue.tools()).containsOnlyKeys("readBuildLog", "noAws");
    assertThat(catalogue.tools().keySet()).containsExactly("readBuildLog", "noAws");
    assertThat(catalogue.scope("readBuildLog"))
        .isEqualTo(
            new AwsScope(
                List.of("s3:GetObject"), List.of("arn:aws:s3:::build-logs/${task.id}/*")));
    assertThat(catalogue.scope("noAws")).isEqualTo(AwsScope.none());
    assertThat(catalogue.scope("deploy")).isNull();
  }

  @Test
  void refusesFilesOfAnotherShapeNamingTheFileAndTheTool() throws Exception {
    assertRefused(write("[]"), "must be {\"tools\": {\"<name>\": {\"aws\"");
    assertRefused(write("{\"tools\": {}, \"extra\": 1}"), "must be {\"tools\"");
    assertRefused(write("{\"tools\": {\"t\": {\"iam\": {}}}}"), "tool 't' must be {\"aws\"");
    assertRefused(
        write("{\"tools\": {\"t\": {\"aws\": {\"actions\": [\"s3:GetObject\"]}}}}"),
        "tool 't': 'aws' must have exactly 'actions' and 'resources'");
    assertRefused(
        write("{\"tools\": {\"t\": {\"aws\": {\"actions\": \"s3:GetObject\", \"resources\": []}}}}"),
        "tool 't' actions must be an array of strings");
    assertRefused(
        write(
            "{\"tools\": {\"t\": {\"aws\": {\"actions\": [\"s3:GetObject\"], \"resources\": []}}}}"),
        "give both, or neither");
    assertRefused(
        write("{\"tools\": {\"read file\": {\"aws\": {\"actions\": [], \"resources\": []}}}}"),
        "tool name 'read file' must be letters, digits and _ . -");
  }

  @Test
  void ofChecksToolNames() {
    assertThatThrownBy(() -> ToolCatalogue.of(Map.of("a/b", AwsScope.none())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tool name 'a/b'");
    assertThat(ToolCatalogue.empty().tools()).isEmpty();
  }

  private Path write(String json) throws Exception {
    return Files.writeString(Files.createTempFile(dir, "tools", ".json"), json);
  }

  private static void assertRefused(Path file, String messagePart) {
    assertThatThrownBy(() -> ToolCatalogue.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(messagePart);
  }
}
