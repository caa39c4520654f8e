package dev.tether.vault.internal.github;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Vault asks GitHub for: an installation token for exactly the turn's repositories (by
 * name, all of one owner, on which the App is installed) with exactly the tool's permissions.
 * Never more: a repository or permission not in the inputs cannot appear in the request.
 *
 * @param repositories repository names without the owner, as GitHub's API takes them
 */
public record InstallationTokenRequest(
    long installationId, String owner, List<String> repositories, Map<String, String> permissions) {

  public InstallationTokenRequest {
    repositories = List.copyOf(repositories);
    permissions = Collections.unmodifiableMap(new LinkedHashMap<>(permissions));
  }

  /**
   * @param repos the turn's repositories, {@code owner/name}
   * @param toolPermissions the tool's permissions
   * @param installations owner to installation id
   * @throws IllegalArgumentException saying why no token can be asked for
   */
  public static InstallationTokenRequest of(
      List<String> repos, Map<String, String> toolPermissions, Map<String, Long> installations) {
    if (repos.isEmpty()) {
      throw new IllegalArgumentException("the turn reaches no repository: no GitHub token is"
          + " narrow enough to be useful");
    }
    if (toolPermissions == null || toolPermissions.isEmpty()) {
      throw new IllegalArgumentException("the tool has no GitHub permissions in the Vault's"
          + " GitHub App file ('tools'); add the permissions it needs");
    }
    String owner = null;
    List<String> names = new ArrayList<>();
    for (String repo : repos) {
      int slash = repo.indexOf('/');
      if (slash <= 0 || slash != repo.lastIndexOf('/') || slash == repo.length() - 1) {
        throw new IllegalArgumentException("repository '" + repo + "' is not owner/name");
      }
      String repoOwner = repo.substring(0, slash);
      if (owner != null && !owner.equalsIgnoreCase(repoOwner)) {
        throw new IllegalArgumentException("the turn's repositories belong to " + owner + " and "
            + repoOwner + "; one GitHub token covers one installation: narrow the turn to one"
            + " owner");
      }
      owner = repoOwner;
      if (!names.contains(repo.substring(slash + 1))) {
        names.add(repo.substring(slash + 1));
      }
    }
    Long installation = installations.get(owner);
    if (installation == null) {
      throw new IllegalArgumentException("the GitHub App is not installed on " + owner + " in the"
          + " Vault's GitHub App file ('installations'); install it there and add its id");
    }
    return new InstallationTokenRequest(installation, owner, names, toolPermissions);
  }

  /** The body of {@code POST /app/installations/{id}/access_tokens}. */
  String body() {
    StringBuilder json = new StringBuilder("{\"repositories\":[");
    for (int i = 0; i < repositories.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(repositories.get(i)).append('"');
    }
    json.append("],\"permissions\":{");
    int i = 0;
    for (Map.Entry<String, String> permission : permissions.entrySet()) {
      json.append(i++ == 0 ? "" : ",").append('"').append(permission.getKey()).append("\":\"")
          .append(permission.getValue()).append('"');
    }
    return json.append("}}").toString();
  }
}
