package io.mlindex.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/** The code behind a record: where it lives in git, which script ran, what it imported. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "git_commit", "git_branch", "git_remote", "git_dirty", "script", "imports", "frameworks", "packages"
})
public final class CodeRef {
  @JsonProperty("git_commit")
  private String gitCommit;

  @JsonProperty("git_branch")
  private String gitBranch;

  @JsonProperty("git_remote")
  private String gitRemote;

  @JsonProperty("git_dirty")
  private Boolean gitDirty;

  private String script;
  private final List<String> imports = new ArrayList<>();
  private final List<String> frameworks = new ArrayList<>();

  /** Packages installed from within the code ({@code %pip install ...}) or listed as requirements. */
  private final List<String> packages = new ArrayList<>();

  public String getGitCommit() {
    return gitCommit;
  }

  public CodeRef setGitCommit(String gitCommit) {
    this.gitCommit = gitCommit;
    return this;
  }

  public String getGitBranch() {
    return gitBranch;
  }

  public CodeRef setGitBranch(String gitBranch) {
    this.gitBranch = gitBranch;
    return this;
  }

  public String getGitRemote() {
    return gitRemote;
  }

  public CodeRef setGitRemote(String gitRemote) {
    this.gitRemote = gitRemote;
    return this;
  }

  public Boolean getGitDirty() {
    return gitDirty;
  }

  public CodeRef setGitDirty(Boolean gitDirty) {
    this.gitDirty = gitDirty;
    return this;
  }

  public String getScript() {
    return script;
  }

  public CodeRef setScript(String script) {
    this.script = script;
    return this;
  }

  public List<String> getImports() {
    return imports;
  }

  public List<String> getFrameworks() {
    return frameworks;
  }

  public List<String> getPackages() {
    return packages;
  }

  /** Adds without duplicates, keeping first-seen order. */
  public static void addDistinct(List<String> list, String value) {
    if (value != null && !value.isEmpty() && !list.contains(value)) {
      list.add(value);
    }
  }

  @JsonIgnore
  public boolean isEmpty() {
    return gitCommit == null
        && gitBranch == null
        && gitRemote == null
        && gitDirty == null
        && script == null
        && imports.isEmpty()
        && frameworks.isEmpty()
        && packages.isEmpty();
  }
}
