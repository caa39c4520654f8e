package dev.tether.vault.internal.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

  @Test
  void onlyLoopbackPeersCountAsConfidentialWithoutTls() throws Exception {
    assertThat(RequestTarget.fromLoopback(peer(127, 0, 0, 1))).isTrue();
    assertThat(RequestTarget.fromLoopback(peer(127, 8, 9, 10))).isTrue();
    assertThat(RequestTarget.fromLoopback(
        new InetSocketAddress(InetAddress.getByName("::1"), 5000))).isTrue();
    assertThat(RequestTarget.fromLoopback(peer(10, 0, 0, 7))).isFalse();
    assertThat(RequestTarget.fromLoopback(peer(192, 168, 1, 2))).isFalse();
    assertThat(RequestTarget.fromLoopback(InetSocketAddress.createUnresolved("localhost", 1)))
        .isFalse(); // unresolved: nothing says where it came from
    assertThat(RequestTarget.fromLoopback(null)).isFalse();
  }

  private static InetSocketAddress peer(int a, int b, int c, int d) throws Exception {
    return new InetSocketAddress(
        InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}), 5000);
  }
}
