package dev.tether.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What one run of the benchmark tool measured.
 *
 * @param toolEntryNanos from just before the tool method is called to its first statement: with
 *     the agent, the tool-call scope it opens (first call of the process, so cold)
 * @param firstCallNanos the tool's first GetObject: with the agent, it obtains the tool's
 *     credentials from the Vault
 * @param roundMicrosPerCall each timed round's mean microseconds per call, in order
 * @param firstTimedRequest how many requests the S3 server had seen before the timed rounds
 * @param endTimedRequest how many it had seen after them
 */
record ReadTimings(
    long toolEntryNanos,
    long firstCallNanos,
    List<Double> roundMicrosPerCall,
    int firstTimedRequest,
    int endTimedRequest) {

  ReadTimings {
    roundMicrosPerCall = List.copyOf(roundMicrosPerCall);
  }

  double medianMicrosPerCall() {
    List<Double> sorted = new ArrayList<>(roundMicrosPerCall);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
