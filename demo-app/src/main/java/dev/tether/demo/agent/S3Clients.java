package dev.tether.demo.agent;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 clients the runtime builds once and its tools share, one per HTTP stack the SDK offers.
 * None is given credentials: each resolves them from the SDK's default chain, as application code
 * normally does.
 */
final class S3Clients implements AutoCloseable {

  private final S3Client urlConnection;
  private final S3Client apache;
  private final S3AsyncClient netty;
  // Our own event loops: the SDK's default group takes two seconds of quiet period to close.
  private final EventLoopGroup eventLoops =
      new NioEventLoopGroup(1, new DefaultThreadFactory("agent-netty", true));

  // ApacheHttpClient (Apache HttpClient 4) is deprecated in favour of Apache 5, yet it is what
  // most applications still run, so the demo shows Tether covering it.
  @SuppressWarnings("deprecation")
  S3Clients(URI endpoint) {
    this.urlConnection =
        onLoopback(S3Client.builder(), endpoint)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    this.apache =
        onLoopback(S3Client.builder(), endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
    this.netty =
        onLoopback(S3AsyncClient.builder(), endpoint)
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(SdkEventLoopGroup.create(eventLoops)))
            .build();
  }

  /**
   * What every client of the demo shares: the local S3 server, path-style addressing, the default
   * credentials chain (no credentials here: that is the point), and checksums only where S3
   * requires them, since s3proxy does not check the ones the SDK adds by default since 2.30.
   */
  private static <B extends S3BaseClientBuilder<B, C>, C> B onLoopback(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
  }

  /** Sync client over {@code HttpURLConnection}. */
  S3Client urlConnection() {
    return urlConnection;
  }

  /** Sync client over Apache HttpClient. */
  S3Client apache() {
    return apache;
  }

  /** Async client over Netty. */
  S3AsyncClient netty() {
    return netty;
  }

  @Override
  public void close() {
    urlConnection.close();
    apache.close();
    netty.close();
    eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
