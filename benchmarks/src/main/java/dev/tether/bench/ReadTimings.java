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
 * @param roundMicrosPerCall each timed round's mean wall microseconds per call, in order
 * @param cpuMicrosPerCall the whole process's CPU time over all timed rounds, per call: the
 *     client, the S3 server and the Vault share the process
 * @param firstTimedRequest how many requests the S3 server had seen before the timed rounds
 * @param endTimedRequest how many it had seen after them
 */
record ReadTimings(
    long toolEntryNanos,
    long firstCallNanos,
    List<Double> roundMicrosPerCall,
    double cpuMicrosPerCall,
    int firstTimedRequest,
    int endTimedRequest) {

  ReadTimings {
    roundMicrosPerCall = List.copyOf(roundMicrosPerCall);
  }

  double medianMicrosPerCall() {
    return median(roundMicrosPerCall);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
