package dev.tether.core.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a tool may do in AWS: every action pattern combined with every resource pattern, as one
 * IAM Allow statement would grant it.
 *
 * <p>Actions are {@code service:Action} with optional {@code *}/{@code ?} wildcards in the action
 * part ({@code s3:GetObject}, {@code s3:Get*}, {@code dynamodb:*}); a bare {@code *} is rejected as
 * too broad. Resources are {@code *} or ARNs ({@code arn:...}), and may hold {@code ${task.id}},
 * {@code ${user.id}} and {@code ${repo}} until {@link #resolve} fills them.
 */
public record AwsScope(List<String> actions, List<String> resources) {

  private static final AwsScope NONE = new AwsScope(List.of(), List.of());

  public AwsScope {
    if (actions == null || resources == null) {
      throw new IllegalArgumentException(
          "AwsScope actions and resources must not be null; use AwsScope.none() for no access");
    }
    actions = List.copyOf(actions); // also rejects null elements
    resources = List.copyOf(resources);
    if (actions.isEmpty() != resources.isEmpty()) {
      throw new IllegalArgumentException(
          "AwsScope has "
              + actions.size()
              + " action(s) and "
              + resources.size()
              + " resource(s); give both, or neither for no AWS access");
    }
    for (String action : actions) {
      checkAction(action);
    }
    for (String resource : resources) {
      checkResource(resource);
    }
  }

  // equals and hashCode written out: a record's generated ones link through invokedynamic at
  // their first call, spinning method handles for milliseconds on the first tool call's path.
  @Override
  public boolean equals(Object other) {
    return other instanceof AwsScope
        && actions.equals(((AwsScope) other).actions)
        && resources.equals(((AwsScope) other).resources);
  }

  @Override
  public int hashCode() {
    return 31 * actions.hashCode() + resources.hashCode();
  }

  /** A scope that allows nothing. */
  public static AwsScope none() {
    return NONE;
  }

  /** Whether this scope allows nothing. */
  public boolean isEmpty() {
    return actions.isEmpty();
  }

  /**
   * Whether some action pattern matches {@code action} (case-insensitive, as IAM does) and some
   * resource pattern matches {@code resourceArn} (case-sensitive). Call it on a {@link #resolve
   * resolved} scope: an unfilled placeholder only matches itself.
   */
  public boolean allows(String action, String resourceArn) {
    if (action == null || resourceArn == null) {
      return false;
    }
    return anyMatches(actions, action, true) && anyMatches(resources, resourceArn, false);
  }

  /**
   * Whether this (parent) scope allows everything {@code child} allows, for every task identity:
   * the check that a derived token only narrows. Same as {@code firstWidening(child).isEmpty()}.
   *
   * <p>A scope allows the cross product of what its actions match and what its resources match.
   * For two non-empty products, {@code A' × R' ⊆ A × R} holds exactly when {@code A' ⊆ A} and
   * {@code R' ⊆ R} (pair each child action with any child resource: the pair must be allowed, so
   * the action is in A; likewise for resources), and every pattern matches something, so checking
   * actions and resources separately is exact. Each child pattern
   * must be {@link PatternContainment#covers covered} by a single parent pattern, though: that is
   * sound but can refuse a child pattern that only the union of several parent patterns covers,
   * e.g. {@code s3:Get?*} under {@code s3:Get?} and {@code s3:Get??*}. Write the parent so that
   * one of its patterns covers each child pattern.
   */
  public boolean covers(AwsScope child) {
    return firstWidening(child).isEmpty();
  }

  /**
   * The first thing in {@code child} that this (parent) scope does not allow, as a sentence for
   * an error message; empty when {@link #covers} holds. Actions are checked before resources, each
   * in the child's order.
   */
  public Optional<String> firstWidening(AwsScope child) {
    if (child == null) {
      throw new IllegalArgumentException(
          "child scope must not be null; use AwsScope.none() for no AWS access");
    }
    if (child.isEmpty()) {
      return Optional.empty();
    }
    if (isEmpty()) {
      return Optional.of(
          "the parent allows no AWS access, but the child asks for actions ("
              + String.join(", ", child.actions)
              + ")");
    }
    for (String action : child.actions) {
      if (!anyCovers(actions, action, true)) {
        return Optional.of(
            "action "
                + action
                + " is not allowed by the parent ("
                + String.join(", ", actions)
                + ")");
      }
    }
    for (String resource : child.resources) {
      if (!anyCovers(resources, resource, false)) {
        return Optional.of(
            "resource "
                + resource
                + " is outside the parent's resources ("
                + String.join(", ", resources)
                + ")");
      }
    }
    return Optional.empty();
  }

  /** This scope with the placeholders in its resources filled from {@code id}. */
  public AwsScope resolve(TaskIdentity id) {
    if (isEmpty()) {
      return this;
    }
    List<String> resolved = new ArrayList<>(resources.size());
    for (String resource : resources) {
      resolved.add(Placeholders.substitute(resource, id));
    }
    return new AwsScope(actions, resolved);
  }

  /** Whether a resource still holds a placeholder, i.e. {@link #resolve} has not been applied. */
  public boolean hasPlaceholders() {
    for (String resource : resources) {
      if (Placeholders.hasPlaceholders(resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyMatches(List<String> patterns, String value, boolean ignoreCase) {
    for (String pattern : patterns) {
      if (IamPattern.matches(pattern, value, ignoreCase)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyCovers(List<String> patterns, String inner, boolean ignoreCase) {
    for (String pattern : patterns) {
      if (PatternContainment.covers(pattern, inner, ignoreCase)) {
        return true;
      }
    }
    return false;
  }

  private static void checkAction(String action) {
    if (action.equals("*")) {
      throw new IllegalArgumentException(
          "AWS action '*' is too broad: list the service actions the tool needs,"
              + " e.g. s3:GetObject, s3:Get* or dynamodb:Query");
    }
    int colon = action.indexOf(':');
    boolean valid = colon > 0 && colon < action.length() - 1;
    for (int i = 0; valid && i < action.length(); i++) {
      char c = action.charAt(i);
      if (i < colon) {
        valid = isAsciiLetterOrDigit(c) || c == '-';
      } else if (i > colon) {
        valid = isAsciiLetterOrDigit(c) || c == '*' || c == '?';
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "AWS action '"
              + action
              + "' is not of the form service:Action; use e.g. s3:GetObject, s3:Get* or"
              + " dynamodb:* (wildcards only after the colon)");
    }
  }

  private static void checkResource(String resource) {
    if (!resource.equals("*") && !resource.startsWith("arn:")) {
      throw new IllegalArgumentException(
          "AWS resource '"
              + resource
              + "' must be '*' or an ARN starting with 'arn:',"
              + " e.g. arn:aws:s3:::bucket/${task.id}/*");
    }
    List<String> unknown = Placeholders.unknownPlaceholders(resource);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "AWS resource '"
              + resource
              + "' has unsupported placeholder(s) "
              + unknown
              + "; use ${task.id}, ${user.id} or ${repo}");
    }
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
