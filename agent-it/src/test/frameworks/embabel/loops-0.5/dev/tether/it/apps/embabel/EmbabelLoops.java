package dev.tether.it.apps.embabel;

import com.embabel.agent.api.tool.Tool;
import com.embabel.agent.api.tool.ToolCallContext;
import com.embabel.agent.api.tool.config.ToolLoopConfiguration;
import com.embabel.agent.spi.loop.AutoCorrectionPolicy;
import com.embabel.agent.spi.loop.ExitOnEmptyPolicy;
import com.embabel.agent.spi.loop.LlmMessageSender;
import com.embabel.agent.spi.loop.ToolInjectionStrategy;
import com.embabel.agent.spi.loop.ToolLoop;
import com.embabel.agent.spi.loop.ToolLoopFactory;
import com.embabel.agent.spi.support.ExecutorAsyncer;
import com.embabel.agent.spi.support.springai.SpringToolCallbackWrapper;
import com.embabel.agent.tools.mcp.ToolCallContextMcpMetaConverter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.springframework.ai.tool.ToolCallback;

/**
 * Embabel's tool loop as 0.5 builds it ({@code ToolLoopFactory.create(config, asyncer, ...)}, the
 * parallel loop's threads behind an {@code Asyncer}); 0.3.4's factory differs (../loops-0.3.4).
 */
final class EmbabelLoops {

  private EmbabelLoops() {}

  static ToolLoop create(boolean parallel, LlmMessageSender model, ExecutorService toolThreads) {
    ToolLoopConfiguration config =
        new ToolLoopConfiguration(
            parallel ? ToolLoopConfiguration.ToolLoopType.PARALLEL : ToolLoopConfiguration.ToolLoopType.DEFAULT,
            20,
            new ToolLoopConfiguration.ParallelModeProperties(),
            new ToolLoopConfiguration.ToolNotFoundProperties(),
            new ToolLoopConfiguration.EmptyResponseProperties());
    return ToolLoopFactory.Companion.create(
            config, new ExecutorAsyncer(toolThreads), new AutoCorrectionPolicy(), ExitOnEmptyPolicy.INSTANCE)
        .create(model, new ObjectMapper(), ToolInjectionStrategy.Companion.getNONE(), 20, null,
            List.of(), List.of(), List.of(), ToolCallContext.EMPTY, null, null);
  }

  /** A Spring AI callback as an Embabel tool, as Embabel wraps its Spring AI tools. */
  static Tool fromSpringAi(ToolCallback callback) {
    return new SpringToolCallbackWrapper(callback, ToolCallContextMcpMetaConverter.passThrough());
  }
}
