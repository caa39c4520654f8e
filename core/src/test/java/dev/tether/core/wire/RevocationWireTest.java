package dev.tether.core.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationWireTest {

  private static final Revocation TASK =
      new Revocation("rv-1", "t-1", null, "prompt injection", Instant.parse("2026-11-26T10:00:00Z"));
  private static final Revocation TOOL =
      new Revocation("rv-2", "t-1", "read_file", "leaked", Instant.parse("2026-11-26T10:01:00Z"));

  @Test
  void aRequestNamesTheTaskAndOptionallyOneTool() {
    RevocationRequest whole = WireJson.read(
        "{\"task_id\":\"t-1\",\"reason\":\"stop\"}".getBytes(UTF_8), RevocationRequest.class);
    assertThat(whole.tool()).isNull();
    assertThat(new String(WireJson.write(whole), UTF_8))
        .isEqualTo("{\"task_id\":\"t-1\",\"tool\":null,\"reason\":\"stop\"}");
    assertThatThrownBy(() -> WireJson.read("{\"task_id\":\"t-1\"}".getBytes(UTF_8),
        RevocationRequest.class)).hasMessageContaining("'reason'");
    assertThatThrownBy(() -> WireJson.read(
        "{\"task_id\":\"t-1\",\"tool\":\" \",\"reason\":\"r\"}".getBytes(UTF_8),
        RevocationRequest.class)).hasMessageContaining("'tool'");
  }

  @Test
  void aRevocationWritesItsToolAsNullForTheWholeTask() {
    String json = new String(WireJson.write(TASK), UTF_8);
    assertThat(json).isEqualTo("{\"id\":\"rv-1\",\"task_id\":\"t-1\",\"tool\":null,"
        + "\"reason\":\"prompt injection\",\"revoked_at\":\"2026-11-26T10:00:00Z\"}");
    assertThat(WireJson.read(json.getBytes(UTF_8), Revocation.class)).isEqualTo(TASK);
    assertThat(TASK.wholeTask()).isTrue();
    assertThat(TOOL.wholeTask()).isFalse();
  }

  @Test
  void aStatusCarriesTheTasksRevocationAndItsToolsRevocations() {
    RevocationStatus status = new RevocationStatus("t-1", true, TASK, List.of(TOOL));
    assertThat(WireJson.read(WireJson.write(status), RevocationStatus.class)).isEqualTo(status);
    RevocationStatus clear = new RevocationStatus("t-1", false, null, List.of());
    assertThat(new String(WireJson.write(clear), UTF_8))
        .isEqualTo("{\"task_id\":\"t-1\",\"revoked\":false,\"tools\":[]}");
    assertThat(WireJson.read(WireJson.write(clear), RevocationStatus.class)).isEqualTo(clear);
  }

  @Test
  void aStatusThatContradictsItselfOrHasTheWrongTypesIsRefused() {
    assertThatThrownBy(() -> WireJson.read(
        "{\"task_id\":\"t-1\",\"revoked\":true,\"tools\":[]}".getBytes(UTF_8),
        RevocationStatus.class)).hasMessageContaining("'revocation'");
    assertThatThrownBy(() -> WireJson.read(
        "{\"task_id\":\"t-1\",\"revoked\":\"yes\",\"tools\":[]}".getBytes(UTF_8),
        RevocationStatus.class)).hasMessageContaining("'revoked'").hasMessageContaining("true or false");
    assertThatThrownBy(() -> WireJson.read(
        "{\"task_id\":\"t-1\",\"revoked\":false,\"tools\":[1]}".getBytes(UTF_8),
        RevocationStatus.class)).hasMessageContaining("tools[0]");
    assertThatThrownBy(() -> WireJson.read(
        "{\"task_id\":\"t-1\",\"revoked\":false,\"tools\":[{\"id\":\"rv-1\",\"x\":1}]}"
            .getBytes(UTF_8), RevocationStatus.class))
        .hasMessageContaining("unknown field 'x' in RevocationStatus.tools[0]");
    assertThatThrownBy(() -> new RevocationStatus("t-1", false, null, List.of(TASK)))
        .hasMessageContaining("single tools");
  }

  @Test
  void theStatusRequestRedactsItsToken() {
    assertThat(new RevocationStatusRequest("tt1.secret-task").toString())
        .doesNotContain("secret-task").contains("<redacted>");
  }
}
