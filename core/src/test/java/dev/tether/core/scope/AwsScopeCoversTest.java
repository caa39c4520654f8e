package dev.tether.core.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsScopeCoversTest {

  private static final AwsScope PARENT =
      new AwsScope(
          List.of("s3:GetObject", "s3:ListBucket"), List.of("arn:aws:s3:::b/${repo}/*"));

  @Test
  void narrowerChildIsCovered() {
    AwsScope child =
        new AwsScope(List.of("s3:getobject"), List.of("arn:aws:s3:::b/${repo}/src/*"));
    assertThat(PARENT.covers(child)).isTrue();
    assertThat(PARENT.firstWidening(child)).isEmpty();
    assertThat(PARENT.covers(PARENT)).isTrue();
  }

  @Test
  void wildcardParentCoversPlaceholderChild() {
    AwsScope parent = new AwsScope(List.of("s3:Get*"), List.of("arn:aws:s3:::b/*"));
    AwsScope child = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/${repo}/*"));
    assertThat(parent.covers(child)).isTrue();
    assertThat(child.covers(parent)).isFalse();
  }

  @Test
  void namesTheWideningAction() {
    AwsScope child =
        new AwsScope(List.of("s3:GetObject", "s3:PutObject"), List.of("arn:aws:s3:::b/${repo}/k"));
    assertThat(PARENT.covers(child)).isFalse();
    assertThat(PARENT.firstWidening(child))
        .hasValue("action s3:PutObject is not allowed by the parent (s3:GetObject, s3:ListBucket)");
  }

  @Test
  void namesTheWideningResource() {
    AwsScope child =
        new AwsScope(
            List.of("s3:GetObject"),
            List.of("arn:aws:s3:::b/${repo}/k", "arn:aws:s3:::other/*"));
    assertThat(PARENT.covers(child)).isFalse();
    assertThat(PARENT.firstWidening(child))
        .hasValue(
            "resource arn:aws:s3:::other/* is outside the parent's resources"
                + " (arn:aws:s3:::b/${repo}/*)");
  }

  @Test
  void actionsAreCheckedBeforeResources() {
    AwsScope child = new AwsScope(List.of("s3:Get*"), List.of("*"));
    assertThat(PARENT.firstWidening(child).orElseThrow()).startsWith("action s3:Get* ");
  }

  @Test
  void resourcesAreCaseSensitive() {
    AwsScope parent = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/*"));
    AwsScope child = new AwsScope(List.of("S3:GETOBJECT"), List.of("arn:aws:s3:::B/k"));
    assertThat(parent.firstWidening(child))
        .hasValue("resource arn:aws:s3:::B/k is outside the parent's resources (arn:aws:s3:::b/*)");
  }

  @Test
  void questionMarkDoesNotCoverAPlaceholder() {
    AwsScope parent = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/?/x"));
    AwsScope child = new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::b/${repo}/x"));
    assertThat(parent.covers(child)).isFalse();
  }

  @Test
  void emptyScopes() {
    assertThat(PARENT.covers(AwsScope.none())).isTrue();
    assertThat(AwsScope.none().covers(AwsScope.none())).isTrue();
    assertThat(AwsScope.none().firstWidening(PARENT))
        .hasValue(
            "the parent allows no AWS access, but the child asks for actions"
                + " (s3:GetObject, s3:ListBucket)");
    assertThatThrownBy(() -> PARENT.covers(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use AwsScope.none()");
  }

  @Test
  void onlyASinglePatternCounts() {
    // Together s3:Get? and s3:Get??* allow all of s3:Get?*, but neither alone does: refused,
    // which is safe and easy to fix in the parent.
    AwsScope parent = new AwsScope(List.of("s3:Get?", "s3:Get??*"), List.of("*"));
    AwsScope child = new AwsScope(List.of("s3:Get?*"), List.of("*"));
    assertThat(parent.covers(child)).isFalse();
    assertThat(parent.allows("s3:GetX", "arn:aws:s3:::b/k")).isTrue();
    assertThat(parent.allows("s3:GetXY", "arn:aws:s3:::b/k")).isTrue();
  }
}
