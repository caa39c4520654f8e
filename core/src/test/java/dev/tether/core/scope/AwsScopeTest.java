package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsScopeTest {

  private static final AwsScope READ_TASK_PREFIX =
      new AwsScope(
          List.of("s3:GetObject", "s3:List*"), List.of("arn:aws:s3:::bucket/${task.id}/*"));

  @Test
  void resolvedPlaceholderAllowsOnlyTheTasksPrefix() {
    AwsScope scope = READ_TASK_PREFIX.resolve(new TaskIdentity("t-1", "u", "org/r"));

    assertThat(scope.resources()).containsExactly("arn:aws:s3:::bucket/t-1/*");
    assertThat(scope.allows("s3:GetObject", "arn:aws:s3:::bucket/t-1/x")).isTrue();
    assertThat(scope.allows("s3:GetObject", "arn:aws:s3:::bucket/t-2/x")).isFalse();
    assertThat(scope.allows("s3:GetObject", "arn:aws:s3:::bucket/t-1")).isFalse();
    assertThat(scope.allows("s3:PutObject", "arn:aws:s3:::bucket/t-1/x")).isFalse();
  }

  @Test
  void actionMatchIgnoresCaseResourceMatchDoesNot() {
    AwsScope scope = new AwsScope(List.of("s3:get*"), List.of("arn:aws:s3:::bucket/*"));
    assertThat(scope.allows("S3:GetObject", "arn:aws:s3:::bucket/k")).isTrue();
    assertThat(scope.allows("s3:GetObject", "arn:aws:s3:::BUCKET/k")).isFalse();
  }

  @Test
  void unresolvedPlaceholderMatchesNothingReal() {
    assertThat(READ_TASK_PREFIX.hasPlaceholders()).isTrue();
    assertThat(READ_TASK_PREFIX.allows("s3:GetObject", "arn:aws:s3:::bucket/t-1/x")).isFalse();
  }

  @Test
  void noneAllowsNothing() {
    assertThat(AwsScope.none().isEmpty()).isTrue();
    assertThat(AwsScope.none().allows("s3:GetObject", "*")).isFalse();
    assertThat(AwsScope.none().resolve(new TaskIdentity("t", "u", "r"))).isEqualTo(AwsScope.none());
  }

  @Test
  void rejectsBareStarAction() {
    assertThatThrownBy(() -> new AwsScope(List.of("*"), List.of("*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too broad")
        .hasMessageContaining("list the service actions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "s3:", ":GetObject", "*:*", "s*:Get", "s3:Get Object", "s3:Get:X"})
  void rejectsMalformedActions(String action) {
    assertThatThrownBy(() -> new AwsScope(List.of(action), List.of("*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not of the form service:Action");
  }

  @Test
  void acceptsWildcardActions() {
    AwsScope scope = new AwsScope(List.of("dynamodb:*", "s3:Get?bject"), List.of("*"));
    assertThat(scope.allows("dynamodb:Query", "arn:aws:dynamodb:us-east-1:1:table/t")).isTrue();
    assertThat(scope.allows("s3:GetObject", "arn:aws:s3:::b/k")).isTrue();
    assertThat(scope.allows("sqs:SendMessage", "*")).isFalse();
  }

  @Test
  void rejectsBadResources() {
    assertThatThrownBy(() -> new AwsScope(List.of("s3:GetObject"), List.of("bucket/key")))
        .hasMessageContaining("must be '*' or an ARN starting with 'arn:'");
    assertThatThrownBy(() -> new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/${t}")))
        .hasMessageContaining("unsupported placeholder(s) [${t}]");
  }

  @Test
  void emptyOnlyTogether() {
    assertThatThrownBy(() -> new AwsScope(List.of("s3:GetObject"), List.of()))
        .hasMessageContaining("give both, or neither");
    assertThatThrownBy(() -> new AwsScope(List.of(), List.of("*")))
        .hasMessageContaining("give both, or neither");
    assertThat(new AwsScope(List.of(), List.of())).isEqualTo(AwsScope.none());
  }

  @Test
  void listsAreCopiedAndImmutable() {
    List<String> actions = new ArrayList<>(List.of("s3:GetObject"));
    AwsScope scope = new AwsScope(actions, List.of("*"));
    actions.add("s3:PutObject");
    assertThat(scope.actions()).containsExactly("s3:GetObject");
    assertThatThrownBy(() -> scope.actions().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toolScopeResolvesItsAwsScope() {
    ToolScope tool = new ToolScope("readFile", READ_TASK_PREFIX, List.of("api.github.com"));
    ToolScope resolved = tool.resolve(new TaskIdentity("t-9", "u", "r"));
    assertThat(resolved.aws().resources()).containsExactly("arn:aws:s3:::bucket/t-9/*");
    assertThat(resolved.egressHosts()).containsExactly("api.github.com");
    assertThat(new ToolScope("t", null, null).aws()).isEqualTo(AwsScope.none());
    assertThatThrownBy(() -> new ToolScope(" ", null, null)).hasMessageContaining("non-blank");
    assertThatThrownBy(() -> new ToolScope("t", null, List.of("a b")))
        .hasMessageContaining("egress host 'a b'");
  }
}
