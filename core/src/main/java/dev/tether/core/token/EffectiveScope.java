package dev.tether.core.token;

import dev.tether.core.scope.AwsScope;
import dev.tether.core.scope.Placeholders;
import dev.tether.core.scope.TaskIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the last layer of a chain allows once inheritance is applied: the grant's task and user,
 * the last layer's repositories and tools, each tool's scope from the nearest layer that states
 * one. It reads the layers as they are; whether each narrows its parent is checked separately
 * ({@link Narrowing}), by the agent when it derives and by the Vault when it verifies.
 */
public final class EffectiveScope {

  private final LayerKind kind;
  private final String taskId;
  private final String userId;
  private final List<String> repos;
  private final Map<String, AwsScope> tools;
  private final long issuedAt;
  private final long expiresAt;

  private EffectiveScope(
      LayerKind kind,
      String taskId,
      String userId,
      List<String> repos,
      Map<String, AwsScope> tools,
      long issuedAt,
      long expiresAt) {
    this.kind = kind;
    this.taskId = taskId;
    this.userId = userId;
    this.repos = repos;
    this.tools = tools;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
  }

  static EffectiveScope ofGrant(TokenLayer grant) {
    Map<String, AwsScope> tools = new LinkedHashMap<>();
    for (Map.Entry<String, ToolRights> tool : grant.tools().entrySet()) {
      tools.put(tool.getKey(), tool.getValue().aws());
    }
    return new EffectiveScope(
        grant.kind(), grant.taskId(), grant.userId(), grant.repos(),
        Collections.unmodifiableMap(tools), grant.issuedAt(), grant.expiresAt());
  }

  /** This scope as narrowed by {@code child}; tools the parent lacks are dropped, not invented. */
  EffectiveScope then(TokenLayer child) {
    Map<String, AwsScope> childTools = new LinkedHashMap<>();
    for (Map.Entry<String, ToolRights> tool : child.tools().entrySet()) {
      AwsScope inherited = tools.get(tool.getKey());
      if (inherited == null) {
        continue;
      }
      childTools.put(
          tool.getKey(), tool.getValue().isInherited() ? inherited : tool.getValue().aws());
    }
    return new EffectiveScope(
        child.kind(), taskId, userId, child.repos(), Collections.unmodifiableMap(childTools),
        child.issuedAt(), child.expiresAt());
  }

  public LayerKind kind() {
    return kind;
  }

  public String taskId() {
    return taskId;
  }

  public String userId() {
    return userId;
  }

  public List<String> repos() {
    return repos;
  }

  /** Tool name to AWS scope, placeholders unfilled. */
  public Map<String, AwsScope> tools() {
    return tools;
  }

  public long issuedAt() {
    return issuedAt;
  }

  public long expiresAt() {
    return expiresAt;
  }

  /**
   * The tool's AWS scope with {@code ${task.id}} and {@code ${user.id}} filled and each resource
   * that names {@code ${repo}} repeated for every repository of this layer (none: the resource is
   * dropped). An unknown tool gets {@link AwsScope#none()}.
   */
  public AwsScope resolvedAws(String tool) {
    AwsScope scope = tools.get(tool);
    if (scope == null || scope.isEmpty()) {
      return AwsScope.none();
    }
    Set<String> resources = new LinkedHashSet<>();
    for (String resource : scope.resources()) {
      if (resource.contains("${" + Placeholders.REPO + "}")) {
        for (String repo : repos) {
          resources.add(Placeholders.substitute(resource, new TaskIdentity(taskId, userId, repo)));
        }
      } else {
        resources.add(Placeholders.substitute(resource, new TaskIdentity(taskId, userId, "-")));
      }
    }
    if (resources.isEmpty()) {
      return AwsScope.none();
    }
    return new AwsScope(scope.actions(), new ArrayList<>(resources));
  }

  /** For spans and reports: tools, repositories and lifetime, never a secret. */
  public String summary() {
    return "tools=" + String.join(",", tools.keySet()) + " repos=" + String.join(",", repos)
        + " ttl=" + (expiresAt - issuedAt) + "s";
  }

  @Override
  public String toString() {
    return "EffectiveScope[" + kind.wireName() + " " + summary() + "]";
  }
}
