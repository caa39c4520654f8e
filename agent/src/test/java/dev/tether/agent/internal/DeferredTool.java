package dev.tether.agent.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.tether.bootstrap.ToolContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stands in for a framework's dispatcher whose tool method returns its work instead of doing it;
 * {@link AgentDispatcherDeferredTest} weaves it. The work answers the tool context it ran in.
 */
public class DeferredTool {

  public Mono<Object> call(ToolExecutionRequest request) {
    if (request.arguments().contains("fail")) {
      throw new IllegalArgumentException("the model asked for nonsense");
    }
    return Mono.fromCallable(ToolContext::current).subscribeOn(Schedulers.boundedElastic());
  }
}
