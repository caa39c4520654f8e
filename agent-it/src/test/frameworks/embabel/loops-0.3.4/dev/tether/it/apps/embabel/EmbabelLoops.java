package dev.tether.it.apps.embabel;

import com.embabel.agent.api.tool.Tool;
import com.embabel.agent.api.tool.config.ToolLoopConfiguration;
import com.embabel.agent.spi.loop.LlmMessageSender;
import com.embabel.agent.spi.loop.ToolInjectionStrategy;
import com.embabel.agent.spi.loop.ToolLoop;
import com.embabel.agent.spi.loop.ToolLoopFactory;
import com.embabel.agent.spi.support.springai.SpringToolCallbackWrapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ExecutorService;
import org.springframework.ai.tool.ToolCallback;

/**
 * Embabel's tool loop as 0.3.4 builds it ({@code ToolLoopFactory.withConfig(config,
 * executor)}); 0.3.5 and 0.5 changed the factory's signatures (../loops-0.5 for 0.5).
 */
final class EmbabelLoops {

  private EmbabelLoops() {}

  static ToolLoop create(boolean parallel, LlmMessageSender model, ExecutorService toolThreads) {
    ToolLoopConfiguration config =
        new ToolLoopConfiguration(
            parallel ? ToolLoopConfiguration.ToolLoopType.PARALLEL : ToolLoopConfiguration.ToolLoopType.DEFAULT,
            20,
            new ToolLoopConfiguration.ParallelModeProperties());
    return ToolLoopFactory.Companion.withConfig(config, toolThreads)
        .create(model, new ObjectMapper(), ToolInjectionStrategy.Companion.getNONE(), 20, null);
  }

  /** A Spring AI callback as an Embabel tool, as Embabel wraps its Spring AI tools. */
  static Tool fromSpringAi(ToolCallback callback) {
    return new SpringToolCallbackWrapper(callback);
  }
}
