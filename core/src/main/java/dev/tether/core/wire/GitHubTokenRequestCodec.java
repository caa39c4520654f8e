package dev.tether.core.wire;

import dev.tether.core.json.JsonObject;
import java.util.List;

final class GitHubTokenRequestCodec implements WireCodec<GitHubTokenRequest> {

  private static final List<String> FIELDS = List.of("token");

  @Override
  public Class<GitHubTokenRequest> type() {
    return GitHubTokenRequest.class;
  }

  @Override
  public List<String> fields() {
    return FIELDS;
  }

  @Override
  public JsonObject write(GitHubTokenRequest r) {
    return JsonObject.builder().put("token", r.token()).build();
  }

  @Override
  public GitHubTokenRequest read(WireFields f) {
    return new GitHubTokenRequest(f.text("token"));
  }
}
