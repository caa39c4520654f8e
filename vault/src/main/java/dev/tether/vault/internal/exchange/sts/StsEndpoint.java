package dev.tether.vault.internal.exchange.sts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where STS calls go and the region they are signed for: {@code us-east-1} unless the host names
 * another ({@code sts.eu-west-1.amazonaws.com}, {@code sts-fips.us-east-2.amazonaws.com},
 * {@code vpce-….sts.ap-south-1.vpce.amazonaws.com}, {@code sts.cn-north-1.amazonaws.com.cn}).
 * A default port in the URL is dropped, so that the {@code Host} header sent and the one signed
 * are the same.
 */
public final class StsEndpoint {

  /** The AWS SDK's endpoint for us-east-1, the default when none is configured. */
  public static final URI DEFAULT = URI.create("https://sts.us-east-1.amazonaws.com");

  static final String DEFAULT_REGION = "us-east-1";
  static final String USER_AGENT = "tether-vault";

  // sts[-fips].<region>.amazonaws.com[.cn], and the VPC endpoint form …sts.<region>.vpce.amazonaws.com
  private static final Pattern REGIONAL =
      Pattern.compile(
          "(?:.*\\.)?sts(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d+)(?:\\.vpce)?\\.amazonaws\\.com(?:\\.cn)?");

  private final URI uri;
  private final String hostHeader;
  private final String region;
  private final String rawPath;

  private StsEndpoint(URI uri, String hostHeader, String region, String rawPath) {
    this.uri = uri;
    this.hostHeader = hostHeader;
    this.region = region;
    this.rawPath = rawPath;
  }

  /**
   * @param endpoint an absolute {@code http(s)} URL without query, or {@code null} for {@link
   *     #DEFAULT}
   * @throws IllegalArgumentException naming what is wrong with it
   */
  public static StsEndpoint of(URI endpoint) {
    URI given = endpoint == null ? DEFAULT : endpoint;
    String scheme = given.getScheme() == null ? "" : given.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "the STS endpoint " + given + " is not an http(s) URL; give e.g. " + DEFAULT);
    }
    if (given.getHost() == null) {
      throw new IllegalArgumentException("the STS endpoint " + given + " names no host");
    }
    if (given.getRawQuery() != null || given.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the STS endpoint " + given + " has a query or fragment; give the URL without it");
    }
    int port = given.getPort();
    if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
      port = -1;
    }
    String host = given.getHost().toLowerCase(Locale.ROOT);
    String rawPath =
        given.getRawPath() == null || given.getRawPath().isEmpty() ? "/" : given.getRawPath();
    URI uri;
    try {
      uri = new URI(scheme + "://" + host + (port == -1 ? "" : ":" + port) + rawPath);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the STS endpoint " + given + " is not a valid URL", e);
    }
    return new StsEndpoint(uri, port == -1 ? host : host + ":" + port, regionOf(host), rawPath);
  }

  static String regionOf(String host) {
    Matcher matcher = REGIONAL.matcher(host);
    return matcher.matches() ? matcher.group(1) : DEFAULT_REGION;
  }

  public URI uri() {
    return uri;
  }

  /** The {@code Host} header: the host, and the port unless it is the scheme's default. */
  public String hostHeader() {
    return hostHeader;
  }

  /** The region requests are signed for. */
  public String region() {
    return region;
  }

  /** The path requests are posted to, as sent. */
  public String rawPath() {
    return rawPath;
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
