package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A summary of one measured quantity. Non-finite values (NaN, infinities) are kept: {@code last}
 * may be NaN; {@code min} and {@code max} are over finite values only and absent when there are
 * none.
 *
 * @param last the value that counts as the latest (file order unless the format has its own rule)
 * @param min smallest finite value, or null
 * @param max largest finite value, or null
 * @param steps how many values were logged
 * @param lastStep the step of {@code last}, or null when the format records no steps
 * @param series the points for charts (possibly downsampled); not part of the JSON record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"last", "min", "max", "steps", "last_step"})
public record Metric(
    double last,
    Double min,
    Double max,
    long steps,
    @JsonProperty("last_step") Long lastStep,
    @JsonIgnore Series series) {

  /** A single value with no series (a summary number, a final score). */
  public static Metric single(double value) {
    boolean finite = Double.isFinite(value);
    return new Metric(value, finite ? value : null, finite ? value : null, 1, null, null);
  }

  public Metric withoutSeries() {
    return series == null ? this : new Metric(last, min, max, steps, lastStep, null);
  }
}
