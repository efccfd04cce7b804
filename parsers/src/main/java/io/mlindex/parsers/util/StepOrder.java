package io.mlindex.parsers.util;

/**
 * Notices, in constant memory, values logged at a step that does not come after the previous one:
 * duplicate steps and restarts (a resumed run logging from step 0 again). The values are kept; the
 * reader warns so that a user knows the series is not a simple curve.
 */
public final class StepOrder {
  private long previous;
  private boolean any;
  private long repeats;
  private long firstRepeat;

  public void see(long step) {
    if (any && step <= previous) {
      if (repeats++ == 0) {
        firstRepeat = step;
      }
    }
    previous = step;
    any = true;
  }

  public long repeats() {
    return repeats;
  }

  /** A warning naming the series, or null when every step came after the one before. */
  public String warning(String series) {
    if (repeats == 0) {
      return null;
    }
    return series + ": " + repeats + " value(s) logged at a step not after the previous one (first at step "
        + firstRepeat + "); duplicate or restarted steps are kept in file order";
  }
}
