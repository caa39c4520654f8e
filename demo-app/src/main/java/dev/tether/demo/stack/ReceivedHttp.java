package dev.tether.demo.stack;

/**
 * One request as the local GitHub-shaped API saw it.
 *
 * @param host the {@code Host} header: the name the client addressed
 * @param path the request path, e.g. {@code /repos/acme/widgets/pulls}
 * @param ambient whether it carried the runtime's broad token (the one every tool could read)
 * @param status the status the API answered
 * @param replayStatus the status when the same credential was presented again afterwards, or 0
 *     when it was not replayed
 */
public record ReceivedHttp(String host, String path, boolean ambient, int status, int replayStatus) {

  ReceivedHttp withReplay(int status) {
    return new ReceivedHttp(host, path, ambient, this.status, status);
  }
}
