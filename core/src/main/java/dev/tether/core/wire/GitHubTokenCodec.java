package dev.tether.core.wire;

import dev.tether.core.json.JsonArray;
import dev.tether.core.json.JsonObject;
import java.util.List;

final class GitHubTokenCodec implements WireCodec<GitHubToken> {

  private static final List<String> FIELDS =
      List.of("token", "expires_at", "repositories", "permissions");

  @Override
  public Class<GitHubToken> type() {
    return GitHubToken.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(GitHubToken r) {
    return JsonObject.builder()
        .put("token", r.token())
        .put("expires_at", r.expiresAt().toString())
        .put("repositories", JsonArray.ofStrings(r.repositories()))
        .put("permissions", JsonArray.ofStrings(r.permissions()))
        .build();
  }

  @Override
  public GitHubToken read(WireFields f) {
    return new GitHubToken(f.text("token"), f.instant("expires_at"), f.strings("repositories"),
        f.strings("permissions"));
  }
}
