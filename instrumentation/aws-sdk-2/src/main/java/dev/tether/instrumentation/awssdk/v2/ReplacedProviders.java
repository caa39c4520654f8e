package dev.tether.instrumentation.awssdk.v2;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * What Tether puts in place of a client's identity providers, built once per client: a client's
 * providers are one object for its life, and one tool call's requests usually go to one client.
 */
final class ReplacedProviders {

  private final UnaryOperator<IdentityProviders> replace;
  private volatile Replaced last;

  private static final class Replaced {
    final IdentityProviders clients;
    final IdentityProviders replacement;

    Replaced(IdentityProviders clients, IdentityProviders replacement) {
      this.clients = clients;
      this.replacement = replacement;
    }
  }

  ReplacedProviders(UnaryOperator<IdentityProviders> replace) {
    this.replace = replace;
  }

  IdentityProviders forClient(IdentityProviders clients) {
    Replaced replaced = last;
    if (replaced == null || replaced.clients != clients) {
      replaced = new Replaced(clients, replace.apply(clients));
      last = replaced;
    }
    return replaced.replacement;
  }
}
