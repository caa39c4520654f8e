package dev.tether.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.TaskIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionPolicyTest {

  private static final AwsScope SCOPE =
      new AwsScope(
          List.of("s3:GetObject", "s3:ListBucket"),
          List.of("arn:aws:s3:::bucket/t-1/*", "arn:aws:s3:::bucket"));

  @Test
  void exactAllowDocument() {
    assertThat(SessionPolicy.toJson(SCOPE))
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherToolScope\","
                + "\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],"
                + "\"Resource\":[\"arn:aws:s3:::bucket/t-1/*\",\"arn:aws:s3:::bucket\"]}]}");
  }

  @Test
  void networkPinsBecomeOneConditionThatLocalEnforcersRefuse() {
    String pinned = SessionPolicy.toJson(SCOPE, java.util.Map.of(
        "aws:SourceVpce", List.of("vpce-0abc1234def567890"), "aws:SourceVpc", List.of("vpc-0abc1234")));

    assertThat(pinned).contains("\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":"
        + "[\"vpc-0abc1234\"],\"aws:SourceVpce\":[\"vpce-0abc1234def567890\"]}}");
    assertThatThrownBy(() -> SessionPolicy.fromJson(pinned))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SessionPolicy.read(pinned))
        .isEqualTo(new SessionPolicy.Parsed(SCOPE, java.util.Map.of(
            "aws:SourceVpc", List.of("vpc-0abc1234"),
            "aws:SourceVpce", List.of("vpce-0abc1234def567890"))));
    assertThatThrownBy(() -> SessionPolicy.read(pinned.replace("StringEquals", "StringLike")))
        .hasMessageContaining("unsupported field 'StringLike'");
    assertThat(SessionPolicy.toJson(SCOPE, java.util.Map.of())).isEqualTo(SessionPolicy.toJson(SCOPE));
    assertThat(SessionPolicy.toJson(AwsScope.none(), java.util.Map.of("aws:SourceVpc", List.of("vpc-1"))))
        .isEqualTo(SessionPolicy.DENY_ALL);
  }

  @Test
  void emptyScopeDeniesAll() {
    assertThat(SessionPolicy.toJson(AwsScope.none()))
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherDenyAll\","
                + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    assertThat(SessionPolicy.fromJson(SessionPolicy.toJson(AwsScope.none())))
        .isEqualTo(AwsScope.none());
  }

  @Test
  void roundTrips() {
    assertThat(SessionPolicy.fromJson(SessionPolicy.toJson(SCOPE))).isEqualTo(SCOPE);
    AwsScope quoted = new AwsScope(List.of("s3:Get*"), List.of("arn:aws:s3:::b/a\"b\\c/é"));
    String json = SessionPolicy.toJson(quoted);
    assertThat(json).contains("a\\\"b\\\\c");
    assertThat(SessionPolicy.fromJson(json)).isEqualTo(quoted);
  }

  @Test
  void refusesUnresolvedScope() {
    AwsScope templated =
        new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/${task.id}/*"));
    assertThatThrownBy(() -> SessionPolicy.toJson(templated))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resolve it first");
    assertThat(SessionPolicy.toJson(templated.resolve(new TaskIdentity("t-1", "u", "r"))))
        .contains("arn:aws:s3:::b/t-1/*");
  }

  @Test
  void tooLargeIsRejectedWithLength() {
    List<String> resources = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      resources.add("arn:aws:s3:::bucket/tasks/t-" + i + "/*");
    }
    AwsScope big = new AwsScope(List.of("s3:GetObject"), resources);
    assertThatThrownBy(() -> SessionPolicy.toJson(big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("session policy is \\d{4} characters, over the STS limit of 2048 .*")
        .hasMessageContaining("narrow the scope or merge patterns");
  }

  @Test
  void justUnderTheLimitIsAccepted() {
    String prefix =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherToolScope\","
            + "\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"";
    String suffix = "\"]}]}";
    int room = SessionPolicy.MAX_LENGTH - prefix.length() - suffix.length();
    String arn = "arn:aws:s3:::b/" + "k".repeat(room - "arn:aws:s3:::b/".length());
    assertThat(SessionPolicy.toJson(new AwsScope(List.of("s3:GetObject"), List.of(arn))))
        .hasSize(SessionPolicy.MAX_LENGTH);
    assertThatThrownBy(
            () -> SessionPolicy.toJson(new AwsScope(List.of("s3:GetObject"), List.of(arn + "k"))))
        .hasMessageContaining("2049 characters");
  }

  // Written with ' for ", swapped before parsing.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "not json",
        "{'Version':'2008-10-17','Statement':"
            + "[{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}]}",
        "{'Version':'2012-10-17','Statement':[]}",
        "{'Version':'2012-10-17','Statement':"
            + "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}}",
        "{'Version':'2012-10-17','Statement':"
            + "[{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{}}]}",
        "{'Version':'2012-10-17','Statement':"
            + "[{'Effect':'Allow','NotAction':'s3:GetObject','Resource':'*'}]}",
        "{'Version':'2012-10-17','Statement':"
            + "[{'Effect':'Allow','Action':'*','Resource':'*'}]}",
        "{'Version':'2012-10-17','Statement':"
            + "[{'Effect':'Deny','Action':'s3:GetObject','Resource':'*'}]}",
        "{'Version':'2012-10-17','Statement':" + "[{'Effect':'Allow','Action':[],'Resource':'*'}]}",
        "{'Version':'2012-10-17','Statement':"
            + "[{'Effect':'Allow','Action':[1],'Resource':'*'}]}",
        "{'Version':'2012-10-17','Version':'2012-10-17','Statement':[]}",
        "{'Version':'2012-10-17','Statement':"
            + "[{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}]} {}",
      })
  void rejectsAnythingElse(String singleQuoted) {
    String json = singleQuoted.replace('\'', '"');
    assertThatThrownBy(() -> SessionPolicy.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("session policy");
  }

  // Escapes as Jackson wrote them when it produced this document (the policy is a cache key).
  @Test
  void escapingIsByteForByteAsBefore() {
    AwsScope odd =
        new AwsScope(
            List.of("s3:GetObject"), List.of("arn:aws:s3:::b/\u0001\t/\u20ac\uD83D\uDE00\u007f"));
    assertThat(SessionPolicy.toJson(odd))
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TetherToolScope\","
                + "\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],"
                + "\"Resource\":[\"arn:aws:s3:::b/\\u0001\\t/\u20ac\uD83D\uDE00\u007f\"]}]}");
    assertThat(SessionPolicy.fromJson(SessionPolicy.toJson(odd))).isEqualTo(odd);
  }

  @Test
  void unpairedSurrogateCannotBeWritten() {
    AwsScope broken = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/\uD800"));
    assertThatThrownBy(() -> SessionPolicy.toJson(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot write the session policy: string has an unpaired UTF-16");
  }

  @Test
  void errorsNameThePositionAndNeverQuoteTheInput() {
    assertThatThrownBy(() -> SessionPolicy.fromJson("{\"Version\":\"2012-10-17\",\n SECRETVALUE}"))
        .hasMessage(
            "session policy is not valid JSON: expected a field name in double quotes"
                + " (line 2, column 2)");
    assertThatThrownBy(
            () -> SessionPolicy.fromJson("{\"Version\":\"2012-10-17\",\"Odd'\\u0000\":1}"))
        .hasMessage(
            "unsupported session policy: the policy has unsupported field 'Odd??'; allowed:"
                + " [Version, Statement]");
  }

  @Test
  void acceptsSingleStringActionAndResource() {
    assertThat(
            SessionPolicy.fromJson(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}"))
        .isEqualTo(new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/*")));
  }
}
