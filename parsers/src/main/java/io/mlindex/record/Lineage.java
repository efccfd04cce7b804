package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** What a record read and what it wrote. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Lineage {
  private final List<LineageRef> inputs = new ArrayList<>();
  private final List<LineageRef> outputs = new ArrayList<>();

  public List<LineageRef> getInputs() {
    return inputs;
  }

  public List<LineageRef> getOutputs() {
    return outputs;
  }

  public Lineage input(LineageRef ref) {
    if (!inputs.contains(ref)) {
      inputs.add(ref);
    }
    return this;
  }

  public Lineage output(LineageRef ref) {
    if (!outputs.contains(ref)) {
      outputs.add(ref);
    }
    return this;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return inputs.isEmpty() && outputs.isEmpty();
  }
}
