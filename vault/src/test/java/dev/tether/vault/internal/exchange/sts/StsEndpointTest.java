package dev.tether.vault.internal.exchange.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StsEndpointTest {

  @Test
  void theDefaultIsTheSdksEndpointForUsEast1() {
    StsEndpoint endpoint = StsEndpoint.of(null);

    assertThat(endpoint.uri()).isEqualTo(URI.create("https://sts.us-east-1.amazonaws.com/"));
    assertThat(endpoint.region()).isEqualTo("us-east-1");
    assertThat(endpoint.hostHeader()).isEqualTo("sts.us-east-1.amazonaws.com");
    assertThat(endpoint.rawPath()).isEqualTo("/");
  }

  @Test
  void theRegionComesFromTheHost() {
    assertThat(region("https://sts.amazonaws.com")).isEqualTo("us-east-1");
    assertThat(region("https://sts.eu-west-1.amazonaws.com")).isEqualTo("eu-west-1");
    assertThat(region("https://sts-fips.us-east-2.amazonaws.com")).isEqualTo("us-east-2");
    assertThat(region("https://sts.us-gov-west-1.amazonaws.com")).isEqualTo("us-gov-west-1");
    assertThat(region("https://sts.cn-north-1.amazonaws.com.cn")).isEqualTo("cn-north-1");
    assertThat(region("https://vpce-0abc-xyz.sts.ap-south-1.vpce.amazonaws.com"))
        .isEqualTo("ap-south-1");
    assertThat(region("http://127.0.0.1:4566/sts")).isEqualTo("us-east-1");
    assertThat(region("https://sts.eu-west-1.amazonaws.com.evil.example")).isEqualTo("us-east-1");
  }

  @Test
  void aDefaultPortIsDroppedAnotherKept() {
    assertThat(StsEndpoint.of(URI.create("https://sts.amazonaws.com:443")).hostHeader())
        .isEqualTo("sts.amazonaws.com");
    assertThat(StsEndpoint.of(URI.create("http://LocalHost:80/sts")).uri())
        .isEqualTo(URI.create("http://localhost/sts"));
    assertThat(StsEndpoint.of(URI.create("http://127.0.0.1:8200/sts")).hostHeader())
        .isEqualTo("127.0.0.1:8200");
  }

  @Test
  void refusesWhatCannotBeAnStsEndpoint() {
    assertThatThrownBy(() -> StsEndpoint.of(URI.create("ftp://sts.amazonaws.com")))
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> StsEndpoint.of(URI.create("https://sts.amazonaws.com/?x=1")))
        .hasMessageContaining("query");
    assertThatThrownBy(() -> StsEndpoint.of(URI.create("sts.amazonaws.com")))
        .hasMessageContaining("not an http(s) URL");
  }

  private static String region(String url) {
    return StsEndpoint.of(URI.create(url)).region();
  }
}
