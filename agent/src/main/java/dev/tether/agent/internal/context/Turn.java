package dev.tether.agent.internal.context;

import dev.tether.agent.internal.telemetry.SpanHandle;

/** One model round and its tool phase. Carried as the tool context between tool calls. */
public final class Turn {

  private final String id;
  private final int number;
  private final SpanHandle span;

  public Turn(String id, int number, SpanHandle span) {
    this.id = id;
    this.number = number;
    this.span = span;
  }

  public String id() {
    return id;
  }

  public int number() {
    return number;
  }

  public SpanHandle span() {
    return span;
  }
}
