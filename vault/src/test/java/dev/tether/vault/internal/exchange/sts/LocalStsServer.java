package dev.tether.vault.internal.exchange.sts;

import com.sun.net.httpserver.HttpServer;
import dev.tether.core.policy.SessionPolicy;
import dev.tether.core.scope.AwsScope;
import dev.tether.vault.internal.sts.LocalSts;
import dev.tether.vault.internal.sts.LocalStsEndpoint;
import dev.tether.vault.internal.sts.RootCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;

/** The Vault's local STS (which verifies SigV4 itself) on a loopback port, at {@code /sts}. */
public final class LocalStsServer implements AutoCloseable {

  public static final String ROLE = "arn:aws:iam::000000000000:role/tether-tool";
  public static final AwsScope SCOPE =
      new AwsScope(List.of("s3:GetObject"), List.of("arn:aws:s3:::work/task-1/*"));
  public static final String POLICY = SessionPolicy.toJson(SCOPE);

  public final LocalSts sts;
  private final HttpServer server;

  public LocalStsServer(Clock clock) {
    sts = new LocalSts(ROLE, clock);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalStsEndpoint endpoint = new LocalStsEndpoint(sts);
    server.createContext("/sts", endpoint::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sts");
  }

  public RootCredential root() {
    return sts.rootCredential();
  }

  SigningCredentials rootKey() {
    return new SigningCredentials(root().accessKeyId(), root().secretAccessKey(), null);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
