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
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            // s3proxy does not check the checksums the SDK adds by default since 2.30.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    this.apache =
        S3Client.builder()
            .httpClientBuilder(ApacheHttpClient.builder())
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
    this.netty =
        S3AsyncClient.builder()
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(SdkEventLoopGroup.create(eventLoops)))
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .build();
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
